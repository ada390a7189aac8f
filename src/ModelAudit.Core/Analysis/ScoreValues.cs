using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis;

/// <summary>Which value holds the class logits: the input of a final Softmax/LogSoftmax, since probabilities saturate.</summary>
public static class ScoreValues
{
    public static string? LogitOf(OnnxModel model, string output)
    {
        var node = model.Graph.Producer(output);
        return node is { OpType: "Softmax" or "LogSoftmax", Inputs.Count: > 0 } ? node.Inputs[0] : null;
    }

    /// <summary>
    /// Whether <paramref name="value"/> holds probabilities: only when a Softmax produces it. A LogSoftmax gives
    /// log-probabilities, which a softmax maps back to probabilities like logits.
    /// </summary>
    public static bool IsProbability(OnnxModel model, string value) => model.Graph.Producer(value)?.OpType == "Softmax";
}
