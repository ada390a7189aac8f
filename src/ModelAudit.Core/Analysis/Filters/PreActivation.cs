using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// Which value the ascent climbs for a chosen layer. A ReLU's gradient is zero wherever its input is negative,
/// so a channel that is off on grey noise (most of them, after a bias) would never move: objective 0 -> 0, a
/// grey picture. Climbing the ReLU's input (the Conv, Add or BatchNormalization feeding it) raises the same
/// channel from wherever it starts; a pooling of a ReLU keeps the channels, so the same applies through it.
/// </summary>
internal static class PreActivation
{
    private static readonly HashSet<string> Poolings = new(StringComparer.Ordinal)
    {
        "MaxPool", "AveragePool", "GlobalMaxPool", "GlobalAveragePool",
    };

    /// <summary>The value to climb for <paramref name="value"/>: the ReLU's input when it is a ReLU or a pooling of one, else itself.</summary>
    public static string For(OnnxGraph graph, string value)
    {
        var node = graph.Producer(value);
        if (node is not null && Poolings.Contains(node.OpType) && node.Inputs.Count > 0)
        {
            var pooled = graph.Producer(node.Inputs[0]);
            return pooled is { OpType: "Relu" } ? InputOf(pooled, value) : value;
        }

        return node is { OpType: "Relu" } ? InputOf(node, value) : value;
    }

    private static string InputOf(OnnxNode relu, string value) =>
        relu.Inputs.Count > 0 && relu.Inputs[0].Length > 0 ? relu.Inputs[0] : value;
}
