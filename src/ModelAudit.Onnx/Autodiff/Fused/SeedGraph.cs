using Google.Protobuf;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused;

/// <summary>
/// Writes the nodes that compute the seed inside the fused graph: one-hot on each batch row's class, the class
/// being the row's highest score (ArgMax, first index on ties, as the managed top-class choice) or a fed index.
/// A scored value [N, K, ...] is scored per class by the sum over its trailing axes, so the one-hot row is
/// broadcast over them, as <c>ScoreTarget.OneHotSeed</c> does.
/// </summary>
internal sealed class SeedGraph
{
    private readonly GraphProto graph;
    private readonly FusedNames names;

    public SeedGraph(GraphProto graph, FusedNames names)
    {
        this.graph = graph;
        this.names = names;
    }

    /// <summary>Writes <paramref name="seed"/> = one-hot of ArgMax of the per-class scores of <paramref name="scored"/>.</summary>
    public void TopClass(string scored, long[] scoredShape, string seed)
    {
        var rows = scored;
        if (scoredShape.Length > 2)
        {
            rows = Op("ReduceSum", [scored, Ints(Trailing(scoredShape))], Attr.Int("keepdims", 0));
        }

        var classes = Op("ArgMax", [rows], Attr.Int("axis", 1), Attr.Int("keepdims", 0));
        OneHot(classes, scoredShape, seed);
    }

    /// <summary>Writes <paramref name="seed"/> = one-hot of the int64 class indices in <paramref name="classes"/>.</summary>
    public void OneHot(string classes, long[] scoredShape, string seed)
    {
        var oneHot = Op("OneHot", [classes, Ints(scoredShape[1]), Floats(0f, 1f)], Attr.Int("axis", -1));
        if (scoredShape.Length == 2)
        {
            Emit("Identity", [oneHot], seed);
            return;
        }

        var unsqueezed = Op("Unsqueeze", [oneHot, Ints(Trailing(scoredShape))]);
        Emit("Expand", [unsqueezed, Ints(scoredShape)], seed);
    }

    private static long[] Trailing(long[] shape) => Enumerable.Range(2, shape.Length - 2).Select(a => (long)a).ToArray();

    private string Op(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = names.Reserve("modelaudit_seed_" + opType);
        Emit(opType, inputs, output, attributes);
        return output;
    }

    private void Emit(string opType, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = names.Reserve("modelaudit_seed_node_" + opType) };
        node.Input.Add(inputs);
        node.Output.Add(output);
        node.Attribute.Add(attributes);
        graph.Node.Add(node);
    }

    private string Ints(params long[] values) => Constant(TensorProto.Types.DataType.Int64, ByteString.CopyFrom(
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())), values.Length);

    private string Floats(params float[] values) => Constant(TensorProto.Types.DataType.Float, ByteString.CopyFrom(
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())), values.Length);

    private string Constant(TensorProto.Types.DataType type, ByteString data, long length)
    {
        var tensor = new TensorProto { Name = names.Reserve("modelaudit_seed_const"), DataType = (int)type, RawData = data };
        tensor.Dims.Add(length);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }
}
