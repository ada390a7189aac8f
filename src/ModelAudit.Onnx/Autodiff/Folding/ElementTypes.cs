using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>
/// The element type of every value: declared ones (inputs, outputs, value_info, constants) first, the rest inferred
/// from the operator. The backward model declares forward values it imports with these types, and values of
/// integer or bool type carry no gradient.
/// </summary>
internal static class ElementTypes
{
    private static readonly HashSet<string> Int64Results = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "NonZero", "ArgMax", "ArgMin", "NonMaxSuppression",
    };

    private static readonly HashSet<string> BoolResults = new(StringComparer.Ordinal)
    {
        "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor", "IsNaN", "IsInf",
    };

    public static Dictionary<string, int> Infer(GraphProto graph, IReadOnlyList<int> order, Func<string, TensorProto?> constant)
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var info in graph.ValueInfo.Concat(graph.Input).Concat(graph.Output))
        {
            if (info.Type?.TensorType is { ElemType: > 0 } tensor)
            {
                types[info.Name] = tensor.ElemType;
            }
        }

        foreach (var init in graph.Initializer)
        {
            types[init.Name] = init.DataType;
        }

        int Of(string name) => name.Length > 0 && (types.TryGetValue(name, out var t) || (constant(name) is { } c && (t = c.DataType) > 0))
            ? t
            : ElementKinds.Undefined;

        foreach (var index in order)
        {
            var node = graph.Node[index];
            var inferred = Outputs(node, Of);
            for (var k = 0; k < node.Output.Count; k++)
            {
                if (node.Output[k].Length > 0 && !types.ContainsKey(node.Output[k]))
                {
                    types[node.Output[k]] = k < inferred.Length ? inferred[k] : ElementKinds.Undefined;
                }
            }
        }

        return types;
    }

    private static int[] Outputs(NodeProto node, Func<string, int> of)
    {
        int In(int i) => node.InputAt(i) is { } name ? of(name) : ElementKinds.Undefined;
        int Attribute(string name, int fallback) => node.Find(name) is { } a ? (int)a.I : fallback;
        if (!GradientRules.IsDefaultDomain(node))
        {
            return [In(0)];
        }

        return node.OpType switch
        {
            _ when Int64Results.Contains(node.OpType) => [ElementKinds.Int64],
            _ when BoolResults.Contains(node.OpType) => [ElementKinds.Bool],
            "Constant" => [node.Find("value")?.T?.DataType ?? ((node.Find("value_int") ?? node.Find("value_ints")) is not null ? ElementKinds.Int64 : ElementKinds.Float)],
            "Cast" => [Attribute("to", ElementKinds.Float)],
            "CastLike" => [In(1)],
            "ConstantOfShape" => [node.Find("value")?.T?.DataType ?? ElementKinds.Float],
            "QuantizeLinear" => [node.InputAt(2) is not null ? In(2) : Attribute("output_dtype", ElementKinds.UInt8)],
            "DequantizeLinear" => [In(1)],
            "DynamicQuantizeLinear" => [ElementKinds.UInt8, ElementKinds.Float, ElementKinds.UInt8],
            "TopK" or "MaxPool" => [In(0), ElementKinds.Int64],
            "Unique" => [In(0), ElementKinds.Int64, ElementKinds.Int64, ElementKinds.Int64],
            "MatMulInteger" or "ConvInteger" => [ElementKinds.Int32],
            "QLinearConv" or "QLinearMatMul" => [In(7)],
            "EyeLike" or "RandomNormalLike" or "RandomUniformLike" => [Attribute("dtype", In(0))],
            "RandomNormal" or "RandomUniform" => [Attribute("dtype", ElementKinds.Float)],
            "Multinomial" => [Attribute("dtype", ElementKinds.Int32)],
            "OneHot" => [In(2)],
            "Where" => [In(1)],
            _ => [.. node.Output.Select(_ => In(0))],
        };
    }
}
