using ModelAudit.Runtime.Native;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Sessions;

/// <summary>
/// One Run: float inputs are the caller's arrays wrapped without copying (other element types are converted
/// once), outputs stay ONNX Runtime's until a caller copies them (<see cref="SessionValues"/>).
/// </summary>
internal static class SessionRunner
{
    public static SessionValues Run(
        Ort.InferenceSession session,
        Ort.RunOptions runOptions,
        IReadOnlyList<TensorInfo> inputInfos,
        IReadOnlyDictionary<string, FloatTensor> inputs,
        IReadOnlyList<string> outputNames,
        string displayName)
    {
        var infoByName = inputInfos.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, Ort.OrtValue>(inputs.Count, StringComparer.Ordinal);
        try
        {
            foreach (var (name, tensor) in inputs)
            {
                values[name] = TensorValues.Wrap(tensor, infoByName[name].ElementType, name, displayName);
            }

            return RunValues(session, runOptions, values, outputNames, displayName);
        }
        finally
        {
            foreach (var value in values.Values)
            {
                value.Dispose();
            }
        }
    }

    public static SessionValues RunValues(
        Ort.InferenceSession session,
        Ort.RunOptions runOptions,
        IReadOnlyDictionary<string, Ort.OrtValue> inputs,
        IReadOnlyList<string> outputNames,
        string displayName)
    {
        var outputs = OrtCalls.Guard($"Running {displayName}", () => session.Run(runOptions, inputs, outputNames));
        return new SessionValues(outputNames, outputs, displayName);
    }
}
