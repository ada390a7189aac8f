using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime.Devices;

/// <summary>
/// A device that opens sessions. The real one is ONNX Runtime with the device's execution provider
/// (<see cref="OrtSessionDevice"/>); tests substitute devices that fail to attach, fail mid-run or return
/// wrong numbers, to cover the fallback and verification in <see cref="InferenceSession"/> without a GPU.
/// </summary>
internal interface ISessionDevice
{
    ExecutionDevice Device { get; }

    /// <summary>Opens the model here; a device that cannot attach or load throws <see cref="OrtException"/>.</summary>
    ISessionCore Open(ModelSource model, SessionSettings settings);
}
