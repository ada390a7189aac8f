using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>
/// Evaluates, once per input shape, the small subgraphs an exporter uses to compute shapes, indices, sizes and
/// bounds (torch's Shape -> Gather -> Div -> Mul before a Slice): every node whose inputs are constants or earlier
/// folded values, plus Shape and Size of anything whose static shape is known. Rules then read those values as
/// constants. Nodes it cannot evaluate (unknown operators, data-dependent values, large tensors) are left alone:
/// their values come from the forward run instead.
/// </summary>
internal static class ShapeFolder
{
    /// <summary>Shape subgraphs are tiny; a larger tensor is data or weights and is not worth evaluating here.</summary>
    public const long MaxElements = 1 << 16;

    private static readonly Dictionary<string, Func<FoldNode, FoldedTensor[]>> Ops = new(StringComparer.Ordinal)
    {
        ["Identity"] = One(FoldArithmetic.Identity),
        ["Cast"] = One(FoldArithmetic.Cast),
        ["CastLike"] = One(FoldArithmetic.CastLike),
        ["Add"] = One(FoldArithmetic.Add),
        ["Sub"] = One(FoldArithmetic.Sub),
        ["Mul"] = One(FoldArithmetic.Mul),
        ["Div"] = One(FoldArithmetic.Div),
        ["Mod"] = One(FoldArithmetic.Mod),
        ["Pow"] = One(FoldArithmetic.Pow),
        ["Min"] = One(FoldArithmetic.Min),
        ["Max"] = One(FoldArithmetic.Max),
        ["Sum"] = One(FoldArithmetic.Sum),
        ["Neg"] = One(FoldArithmetic.Neg),
        ["Abs"] = One(FoldArithmetic.Abs),
        ["Floor"] = One(FoldArithmetic.Floor),
        ["Ceil"] = One(FoldArithmetic.Ceil),
        ["Round"] = One(FoldArithmetic.Round),
        ["Sqrt"] = One(FoldArithmetic.Sqrt),
        ["Reciprocal"] = One(FoldArithmetic.Reciprocal),
        ["Equal"] = One(FoldArithmetic.Equal),
        ["Less"] = One(FoldArithmetic.Less),
        ["LessOrEqual"] = One(FoldArithmetic.LessOrEqual),
        ["Greater"] = One(FoldArithmetic.Greater),
        ["GreaterOrEqual"] = One(FoldArithmetic.GreaterOrEqual),
        ["And"] = One(FoldArithmetic.And),
        ["Or"] = One(FoldArithmetic.Or),
        ["Xor"] = One(FoldArithmetic.Xor),
        ["Not"] = One(FoldArithmetic.Not),
        ["Where"] = One(FoldArithmetic.Where),
        ["Shape"] = One(FoldShapes.Shape),
        ["Size"] = One(FoldShapes.Size),
        ["Reshape"] = One(FoldShapes.Reshape),
        ["Flatten"] = One(FoldShapes.Flatten),
        ["Unsqueeze"] = One(FoldShapes.Unsqueeze),
        ["Squeeze"] = One(FoldShapes.Squeeze),
        ["Expand"] = One(FoldShapes.Expand),
        ["ConstantOfShape"] = One(FoldShapes.ConstantOfShape),
        ["Range"] = One(FoldShapes.Range),
        ["Concat"] = One(FoldShapes.Concat),
        ["Gather"] = One(FoldIndexing.Gather),
        ["Slice"] = One(FoldIndexing.Slice),
        ["Transpose"] = One(FoldIndexing.Transpose),
        ["Tile"] = One(FoldIndexing.Tile),
        ["Split"] = FoldIndexing.Split,
        ["ReduceProd"] = One(n => FoldIndexing.Reduce(n, v => v.Aggregate(1.0, (a, b) => a * b), v => v.Aggregate(1L, (a, b) => a * b))),
        ["ReduceSum"] = One(n => FoldIndexing.Reduce(n, v => v.Sum(), v => v.Sum())),
        ["ReduceMin"] = One(n => FoldIndexing.Reduce(n, v => v.Min(), v => v.Min())),
        ["ReduceMax"] = One(n => FoldIndexing.Reduce(n, v => v.Max(), v => v.Max())),
    };

    /// <summary>Operators the evaluator knows (listed in the README and tested one by one).</summary>
    public static IEnumerable<string> Operators => Ops.Keys;

    /// <summary>The folded values by name (constants of the model itself are not repeated).</summary>
    public static Dictionary<string, TensorProto> Fold(ForwardGraph graph, IReadOnlyDictionary<string, long[]> shapes)
    {
        var known = new Dictionary<string, FoldedTensor>(StringComparer.Ordinal);
        var folded = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var index in TopologicalOrder.Of(graph))
        {
            var node = graph.Nodes[index];
            if (!GradientRules.IsDefaultDomain(node) || !Ops.TryGetValue(node.OpType, out var evaluate) || TooLarge(node, shapes))
            {
                continue;
            }

            var inputs = node.Input.Select(i => i.Length == 0 ? null : Known(graph, known, i)).ToArray();
            var needsData = node.OpType is not ("Shape" or "Size");
            if (needsData && node.Input.Where((name, i) => name.Length > 0 && inputs[i] is null).Any())
            {
                continue;
            }

            var inputShapes = node.Input.Select((name, i) => inputs[i]?.Shape ?? shapes.GetValueOrDefault(name)).ToArray();
            if (!needsData && inputShapes[0] is null)
            {
                continue;
            }

            FoldedTensor[] outputs;
            try
            {
                outputs = evaluate(new FoldNode(node, graph.Opset, inputs, inputShapes));
            }
            catch (Exception e) when (e is FoldingException or IndexOutOfRangeException or ArgumentException or OverflowException)
            {
                // Not evaluable here (a malformed or unusual node): the forward run provides the value instead.
                continue;
            }

            for (var k = 0; k < outputs.Length && k < node.Output.Count; k++)
            {
                var name = node.Output[k];
                if (name.Length > 0)
                {
                    known[name] = outputs[k];
                    folded[name] = outputs[k].ToProto(name);
                }
            }
        }

        return folded;
    }

    public static void CheckSize(long[] shape)
    {
        if (shape.Any(d => d < 0) || shape.Aggregate(1.0, (a, b) => a * b) > MaxElements)
        {
            throw new FoldingException($"a tensor of shape [{string.Join(",", shape)}] is too large to evaluate at build time");
        }
    }

    private static FoldedTensor? Known(ForwardGraph graph, Dictionary<string, FoldedTensor> known, string name)
    {
        if (known.TryGetValue(name, out var value))
        {
            return value;
        }

        if (!graph.TryGetModelConstant(name, out var tensor) || tensor.Dims.Aggregate(1.0, (a, b) => a * b) > MaxElements
            || !(ElementKinds.IsInteger(tensor.DataType) || ElementKinds.IsFloat(tensor.DataType)))
        {
            return null;
        }

        try
        {
            value = FoldedTensor.FromProto(tensor, graph.ModelName);
        }
        catch (OnnxFormatException)
        {
            return null;
        }

        known[name] = value;
        return value;
    }

    private static bool TooLarge(NodeProto node, IReadOnlyDictionary<string, long[]> shapes) =>
        node.Output.Any(o => shapes.TryGetValue(o, out var s) && s.Aggregate(1.0, (a, b) => a * b) > MaxElements);

    private static Func<FoldNode, FoldedTensor[]> One(Func<FoldNode, FoldedTensor> evaluate) => n => [evaluate(n)];
}
