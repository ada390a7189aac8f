using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime.Devices;

/// <summary>ONNX Runtime with one execution provider attached.</summary>
internal sealed class OrtSessionDevice(ExecutionDevice device) : ISessionDevice
{
    public ExecutionDevice Device { get; } = device;

    public static ISessionDevice For(ExecutionDevice device) => new OrtSessionDevice(device);

    public ISessionCore Open(ModelSource model, SessionSettings settings)
    {
        using var options = SessionOptionsFactory.Create(settings, Device);
        var session = OrtCalls.Guard($"Loading model {model.DisplayName}", () => model.Load(options));
        try
        {
            return new OrtSessionCore(session, SessionDescriber.Describe(session, model.DisplayName), model.DisplayName);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
