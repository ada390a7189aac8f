using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime.Devices;

/// <summary>One model opened on one device: what <see cref="InferenceSession"/> runs through (faked in tests).</summary>
internal interface ISessionCore : IDisposable
{
    SessionDescription Description { get; }

    /// <summary>Runs once; inputs are validated by the caller. Failures are <see cref="OrtException"/>.</summary>
    IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames);
}
