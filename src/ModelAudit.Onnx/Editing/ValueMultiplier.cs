using Google.Protobuf;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Editing;

/// <summary>
/// Rewires a model so that everything downstream of one value reads <c>value * factor</c>, where the
/// factor is a new float graph input. ONNX Runtime cannot feed an intermediate value, so this is how an
/// analysis changes an activation in flight (Ablation-CAM zeroes one channel per batch row with it).
/// </summary>
public static class ValueMultiplier
{
    /// <summary>
    /// A copy of <paramref name="model"/> with a Mul(value, factorInput) node whose result replaces
    /// <paramref name="value"/> in every node that read it. Graph outputs named <paramref name="value"/>
    /// keep returning the unscaled value. <paramref name="factorShape"/> declares the new input; null
    /// entries are symbolic (e.g. the batch axis). The factor must broadcast against the value.
    /// </summary>
    public static OnnxModel Insert(OnnxModel model, string value, string factorInput, IReadOnlyList<long?> factorShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(factorInput);
        ArgumentNullException.ThrowIfNull(factorShape);
        if (!model.Graph.HasValue(value))
        {
            throw new ArgumentException($"{model.SourceName}: the graph has no value named '{value}'", nameof(value));
        }

        if (model.Graph.HasValue(factorInput))
        {
            throw new ArgumentException($"{model.SourceName}: the graph already has a value named '{factorInput}'", nameof(factorInput));
        }

        // Before opset 7 Mul broadcast only with an explicit attribute and a trailing-axes rule.
        if (model.OpsetOf() < 7)
        {
            throw new OnnxFormatException(model.SourceName, $"opset {model.OpsetOf()} is too old to scale '{value}' with a broadcast Mul (needs 7 or later)");
        }

        var copy = model.Proto.Clone();
        var graph = copy.Graph;
        var scaled = UniqueName(model.Graph, value + "__scaled");
        foreach (var node in graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == value)
                {
                    node.Input[i] = scaled;
                }
            }
        }

        var mul = new NodeProto { Name = UniqueNodeName(graph, scaled), OpType = "Mul", Input = { value, factorInput }, Output = { scaled } };
        var producerIndex = -1;
        for (var i = 0; i < graph.Node.Count && producerIndex < 0; i++)
        {
            if (graph.Node[i].Output.Contains(value))
            {
                producerIndex = i;
            }
        }

        graph.Node.Insert(producerIndex + 1, mul);
        graph.Input.Add(FloatInput(factorInput, factorShape));
        return OnnxModel.Parse(copy.ToByteArray(), model.SourceName);
    }

    private static ValueInfoProto FloatInput(string name, IReadOnlyList<long?> shape)
    {
        var tensorShape = new TensorShapeProto();
        for (var i = 0; i < shape.Count; i++)
        {
            tensorShape.Dim.Add(shape[i] is long known
                ? new TensorShapeProto.Types.Dimension { DimValue = known }
                : new TensorShapeProto.Types.Dimension { DimParam = $"{name}_dim{i}" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)OnnxDataType.Float, Shape = tensorShape } },
        };
    }

    private static string UniqueName(OnnxGraph graph, string wanted)
    {
        var name = wanted;
        for (var i = 1; graph.HasValue(name); i++)
        {
            name = wanted + "_" + i;
        }

        return name;
    }

    private static string UniqueNodeName(GraphProto graph, string wanted)
    {
        var names = graph.Node.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var name = wanted;
        for (var i = 1; names.Contains(name); i++)
        {
            name = wanted + "_" + i;
        }

        return name;
    }
}
