using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime;

/// <summary>
/// IO binding for one session: inputs and outputs bound once, run many times. Outputs bound with
/// <see cref="BindOutputOnDevice"/> stay in the device's memory (on DirectML: GPU memory) so they can be
/// bound as inputs of another session on the same device without a round trip through managed arrays.
/// </summary>
public sealed class SessionBinding : IDisposable
{
    private readonly InferenceSession session;
    private readonly Ort.OrtIoBinding binding;
    private readonly List<Ort.OrtValue> owned = [];
    private readonly List<string> outputNames = [];

    internal SessionBinding(InferenceSession session, Ort.OrtIoBinding binding)
    {
        this.session = session;
        this.binding = binding;
    }

    /// <summary>Binds a float tensor (wrapped without copying; the array must not change until the run).</summary>
    public void BindInput(string name, FloatTensor tensor)
    {
        var info = session.Inputs.FirstOrDefault(i => i.Name == name) ?? throw new OrtException(
            OrtErrorCode.InvalidArgument, $"{session.DisplayName} has no input '{name}'.");
        var value = TensorValues.Wrap(tensor, info.ElementType, name, session.DisplayName);
        owned.Add(value);
        BindInput(name, value);
    }

    /// <summary>Binds a value the caller owns (for example an output of another session).</summary>
    public void BindInput(string name, Ort.OrtValue value) =>
        OrtCalls.Guard($"Binding input '{name}' of {session.DisplayName}", () => binding.BindInput(name, value));

    /// <summary>Binds an output to the session device's memory: ORT allocates it at run time.</summary>
    public void BindOutputOnDevice(string name)
    {
        OrtCalls.Guard($"Binding output '{name}' of {session.DisplayName}", () => binding.BindOutputToDevice(name, session.OutputMemory));
        outputNames.Add(name);
    }

    /// <summary>Binds an output to a value the caller allocated (e.g. a reused CPU buffer).</summary>
    public void BindOutput(string name, Ort.OrtValue value)
    {
        OrtCalls.Guard($"Binding output '{name}' of {session.DisplayName}", () => binding.BindOutput(name, value));
        outputNames.Add(name);
    }

    /// <summary>Runs with the bound values; the result holds the outputs in the order they were bound.</summary>
    public SessionValues Run() => session.RunBinding(binding, outputNames);

    public void Dispose()
    {
        binding.Dispose();
        foreach (var value in owned)
        {
            value.Dispose();
        }
    }
}
