using ModelAudit.Runtime.Sessions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Devices;

/// <summary>A loaded ONNX Runtime session; also what the OrtValue and IO-binding paths of the facade use.</summary>
internal sealed class OrtSessionCore(Ort.InferenceSession session, SessionDescription description, string displayName) : ISessionCore
{
    public Ort.InferenceSession Session { get; } = session;

    public Ort.RunOptions RunOptions { get; } = new();

    public SessionDescription Description { get; } = description;

    public IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames)
    {
        using var values = SessionRunner.Run(Session, RunOptions, Description.Inputs, inputs, outputNames, displayName);
        return values.ReadAll();
    }

    public void Dispose()
    {
        RunOptions.Dispose();
        Session.Dispose();
    }
}
