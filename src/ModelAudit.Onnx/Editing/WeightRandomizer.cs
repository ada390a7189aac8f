using Google.Protobuf;
using ModelAudit.Onnx.Internal;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Editing;

/// <summary>
/// Cascading weight randomization for explanation sanity checks (Adebayo et al. 2018, "Sanity checks for
/// saliency maps"): the weights of the top <c>layers</c> weighted nodes, counted from the output back, are
/// replaced by seeded normal samples with each tensor's own mean and standard deviation (so activations keep
/// their scale and only the learned structure is gone). Weights may be initializers or Constant nodes. The
/// result is a new in-memory model; the user's file is never touched.
/// </summary>
public static class WeightRandomizer
{
    private static readonly HashSet<string> Weighted = new(StringComparer.Ordinal) { "Conv", "ConvTranspose", "Gemm", "MatMul" };

    /// <summary>The weighted nodes from the output back: what step k of a cascade randomizes the first k of.</summary>
    public static IReadOnlyList<string> LayersFromTop(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var constants = Constants(model.Proto.Graph);
        return [.. model.Proto.Graph.Node.Reverse()
            .Where(n => Weighted.Contains(n.OpType) && WeightInputs(n).Any(i => constants.ContainsKey(i)))
            .Select(GraphOrder.DisplayName)];
    }

    /// <summary>A copy of <paramref name="model"/> with the weights of its top <paramref name="layers"/> weighted
    /// nodes randomized; the same seed gives the same weights.</summary>
    public static OnnxModel RandomizeFromTop(OnnxModel model, int layers, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        var copy = model.Proto.Clone();
        var graph = copy.Graph;
        var constants = Constants(graph);
        var done = 0;
        for (var i = graph.Node.Count - 1; i >= 0 && done < layers; i--)
        {
            var node = graph.Node[i];
            var weights = WeightInputs(node).Where(constants.ContainsKey).ToList();
            if (!Weighted.Contains(node.OpType) || weights.Count == 0)
            {
                continue;
            }

            foreach (var name in weights)
            {
                // A fixed mix, not HashCode.Combine: that one is salted per process and would change the weights run to run.
                Randomize(constants[name], model.SourceName, unchecked((seed * 1_000_003) + (done * 1009) + weights.IndexOf(name)));
            }

            done++;
        }

        return OnnxModel.Parse(copy.ToByteArray(), model.SourceName);
    }

    /// <summary>Weights and bias: every input but the first (MatMul's second operand only when it is a constant).</summary>
    private static IEnumerable<string> WeightInputs(NodeProto node) => node.Input.Skip(1).Where(i => i.Length > 0);

    /// <summary>Float constants by value name, whether initializers or Constant nodes' value tensors.</summary>
    private static Dictionary<string, TensorProto> Constants(GraphProto graph)
    {
        var result = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float))
        {
            result[init.Name] = init;
        }

        foreach (var node in graph.Node.Where(n => n.OpType == "Constant" && n.Output.Count == 1))
        {
            var value = node.Attribute.FirstOrDefault(a => a.Name == "value" && a.T is not null)?.T;
            if (value is not null && value.DataType == (int)TensorProto.Types.DataType.Float)
            {
                result[node.Output[0]] = value;
            }
        }

        return result;
    }

    private static void Randomize(TensorProto tensor, string source, int seed)
    {
        var count = TensorData.CountElements(tensor, source);
        var values = TensorData.ToFloats(tensor, count, source);
        double mean = values.Length > 0 ? values.Average(v => (double)v) : 0;
        var std = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length) : 0;
        if (std == 0)
        {
            // A constant tensor (a zero bias) has no spread to copy: a small one still scrambles it.
            std = Math.Max(Math.Abs(mean), 1e-2);
        }

        var random = new Random(seed);
        for (var i = 0; i < values.Length; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = (float)(mean + (std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)));
        }

        tensor.FloatData.Clear();
        tensor.ExternalData.Clear();
        tensor.ClearDataLocation();
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
