using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Precision;

/// <summary>How a model's gradients relate to the precision it ships in (the forward prediction is always the model
/// as shipped; only the backward model differs).</summary>
[Flags]
public enum GradientPrecision
{
    /// <summary>A float32 model: the gradient model computes in its own precision.</summary>
    Float32 = 0,

    /// <summary>float16 weights or values, up-cast once: the gradient model computes in float32.</summary>
    FromFloat16 = 1,

    /// <summary>bfloat16 weights or values, up-cast once.</summary>
    FromBFloat16 = 2,

    /// <summary>float64 weights or values, computed in float32.</summary>
    FromDouble = 4,

    /// <summary>QuantizeLinear/DequantizeLinear pairs differentiated straight-through.</summary>
    QuantizationStraightThrough = 8,
}

/// <summary>Finds a model's <see cref="GradientPrecision"/> and states it in words for the console and the report.</summary>
public static class GradientPrecisions
{
    public static GradientPrecision Of(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Proto.Graph;
        if (graph is null)
        {
            return GradientPrecision.Float32;
        }

        var types = graph.Initializer.Select(t => t.DataType)
            .Concat(graph.Input.Concat(graph.Output).Concat(graph.ValueInfo).Select(v => v.Type?.TensorType?.ElemType ?? 0))
            .Concat(graph.Node.SelectMany(n => n.Attribute).Where(a => a.T is not null).Select(a => a.T.DataType))
            .Concat(graph.Node.Where(n => n.OpType == "Cast").Select(n => (int)n.Int("to", 0)))
            .ToHashSet();
        var result = GradientPrecision.Float32;
        result |= types.Contains(ElementKinds.Float16) ? GradientPrecision.FromFloat16 : 0;
        result |= types.Contains(ElementKinds.BFloat16) ? GradientPrecision.FromBFloat16 : 0;
        result |= types.Contains(ElementKinds.Double) ? GradientPrecision.FromDouble : 0;
        result |= graph.Node.Any(IsQuantization) ? GradientPrecision.QuantizationStraightThrough : 0;
        return result;
    }

    /// <summary>One sentence for users, or null for a float32 model (nothing to say).</summary>
    public static string? Describe(GradientPrecision precision)
    {
        var parts = new List<string>();
        var from = new[]
        {
            (GradientPrecision.FromFloat16, "float16"), (GradientPrecision.FromBFloat16, "bfloat16"), (GradientPrecision.FromDouble, "float64"),
        }.Where(p => precision.HasFlag(p.Item1)).Select(p => p.Item2).ToList();
        if (from.Count > 0)
        {
            parts.Add($"gradient model built in float32 from the {string.Join("/", from)} model (weights up-cast once)");
        }

        if (precision.HasFlag(GradientPrecision.QuantizationStraightThrough))
        {
            parts.Add("QDQ straight-through: gradients pass QuantizeLinear/DequantizeLinear where the quantization range did not clip");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts) + "; predictions come from the model as shipped";
    }

    private static bool IsQuantization(NodeProto node) =>
        GradientRules.IsDefaultDomain(node) && node.OpType is "QuantizeLinear" or "DequantizeLinear";
}
