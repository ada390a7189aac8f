using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Where a ViT-style model reads its prediction from one token (the class token: a Gather or a length-1 Slice on the
/// token axis of a [N, T, C] value), the values after the last token mixing reach the output only through that token:
/// their grid tokens have zero gradient, so a CAM there is blank. This finds those values: the read-out value and every
/// value whose consumers on the way to the output all work token by token (elementwise ops, LayerNormalization, a
/// reduction over the channel axis, a MatMul/Gemm with constant weights), so `--layer auto` can skip them and take the
/// last value before the last attention (the input of the last block's attention, as pytorch-grad-cam recommends).
/// </summary>
internal static class TokenReadout
{
    private static readonly HashSet<string> Pointwise = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Neg", "Exp", "Log", "Reciprocal", "Abs", "Relu", "LeakyRelu", "Elu", "Selu",
        "Celu", "Gelu", "Erf", "Tanh", "Sigmoid", "Softplus", "Mish", "HardSigmoid", "HardSwish", "Clip", "Identity", "Cast",
        "Dropout", "LayerNormalization", "Where", "Max", "Min", "Sum", "Mean",
    };

    /// <summary>The values that reach the output only through a read-out token (empty when nothing reads one token),
    /// and the channel count of the read-out value.</summary>
    public static (IReadOnlySet<string> Values, int? Width) Find(
        OnnxGraph graph, IReadOnlyDictionary<string, long[]> shapes, IReadOnlySet<string> upstream, IReadOnlySet<string> fromInput)
    {
        var readOut = graph.Nodes.FirstOrDefault(n => upstream.Contains(n.Outputs.FirstOrDefault() ?? "") && ReadsOneToken(n, shapes));
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (readOut is null)
        {
            return (values, null);
        }

        var source = readOut.Inputs[0];
        values.Add(source);
        for (var k = graph.Nodes.Count - 1; k >= 0; k--)
        {
            foreach (var value in graph.Nodes[k].Outputs.Where(v => v.Length > 0 && v != source && upstream.Contains(v)))
            {
                var consumers = graph.Consumers(value).Where(n => n.Outputs.Any(upstream.Contains)).ToList();
                if (consumers.Count > 0 && consumers.All(n => PerToken(graph, n, fromInput, shapes) && n.Outputs.Where(upstream.Contains).All(values.Contains)))
                {
                    values.Add(value);
                }
            }
        }

        return (values, shapes.TryGetValue(source, out var s) && s.Length == 3 ? (int)s[2] : null);
    }

    private static bool ReadsOneToken(OnnxNode node, IReadOnlyDictionary<string, long[]> shapes)
    {
        if (node.Inputs.Count == 0 || !shapes.TryGetValue(node.Inputs[0], out var input) || input.Length != 3 || input[1] < 2
            || !shapes.TryGetValue(node.Outputs[0], out var output))
        {
            return false;
        }

        return node.OpType switch
        {
            "Gather" => node.GetInt("axis", 0) is 1 or -2 && output.Length == 2,
            "Slice" => output.Length == 3 && output[1] == 1,
            _ => false,
        };
    }

    private static bool PerToken(OnnxGraph graph, OnnxNode node, IReadOnlySet<string> fromInput, IReadOnlyDictionary<string, long[]> shapes)
    {
        if (Pointwise.Contains(node.OpType))
        {
            return true;
        }

        if (node.OpType is "MatMul" or "Gemm")
        {
            return node.Inputs.Count > 1 && !fromInput.Contains(node.Inputs[1]);
        }

        if (node.OpType is "ReduceMean" or "ReduceSum" && shapes.TryGetValue(node.Inputs[0], out var shape))
        {
            // Axes are an attribute before opset 18 (13 for ReduceSum) and a constant input after.
            IReadOnlyList<long>? axes = node.GetInts("axes")
                ?? (node.Inputs.Count > 1 && graph.TryGetConstant(node.Inputs[1], out var given) ? given.ToInt64s() : null);
            return axes is { Count: 1 } && (axes[0] == -1 || axes[0] == shape.Length - 1);
        }

        return false;
    }
}
