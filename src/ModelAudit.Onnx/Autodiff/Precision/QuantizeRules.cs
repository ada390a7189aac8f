using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Autodiff.Rules;

namespace ModelAudit.Onnx.Autodiff.Precision;

/// <summary>
/// QDQ models differentiated straight-through. The gradient attached to a quantized integer tensor means the
/// gradient of its real value (q - zero_point) * scale, so DequantizeLinear passes dY on unchanged and
/// QuantizeLinear passes it to x where x was inside the quantization range and drops it where the range clipped
/// (the estimator torch's fake quantization uses: level = round(x / scale) + zero_point within [qmin, qmax]).
/// </summary>
internal static class QuantizeRules
{
    public static string?[] Dequantize(GradientContext c) => c.First(c.Dy);

    public static string?[] Quantize(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0);
        var type = c.Node.InputAt(2) is { } zeroPoint ? e.ElementType(zeroPoint) : (int)c.Node.Int("output_dtype", ElementKinds.UInt8);
        var (low, high) = type switch
        {
            ElementKinds.UInt8 => (0f, 255f),
            ElementKinds.Int8 => (-128f, 127f),
            4 => (0f, 65535f),
            5 => (-32768f, 32767f),
            _ => throw c.Unsupported($"quantization to element type {(OnnxDataType)type}"),
        };

        var scale = PerAxis(c, c.In(1), 1, x);
        var level = e.Op("Round", [e.Div(c.In(0), scale)]);
        if (c.Node.InputAt(2) is not null)
        {
            level = e.Add(level, PerAxis(c, e.Op("Cast", [c.In(2)], Attr.Int("to", ElementKinds.Float)), 2, x));
        }

        var inside = e.And(e.Op("GreaterOrEqual", [level, e.Scalar(low)]), e.Op("LessOrEqual", [level, e.Scalar(high)]));
        return c.First(c.Masked(inside, c.Dy));
    }

    /// <summary>A per-axis (1-D) scale or zero point reshaped to broadcast along the node's axis (default 1).</summary>
    private static string PerAxis(GradientContext c, string value, int input, long[] x)
    {
        var shape = c.InShape(input);
        if (shape.Aggregate(1L, (a, b) => a * b) == 1)
        {
            return value;
        }

        var axis = c.Axis(c.Node.Int("axis", 1), x.Length);
        if (shape.Length != 1 || shape[0] != x[axis])
        {
            throw c.Unsupported($"blocked quantization (a scale of shape [{string.Join(",", shape)}])");
        }

        var target = Enumerable.Repeat(1L, x.Length).ToArray();
        target[axis] = shape[0];
        return c.E.Reshape(value, target);
    }
}
