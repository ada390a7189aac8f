using ModelAudit.Onnx.Building;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused.Shapes;

/// <summary>Output shapes per operator, at the semantics of the model's opset; null for operators not covered.</summary>
internal static class NodeShapes
{
    private static readonly HashSet<string> SameShape = new(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Clip", "Exp", "Log", "Sqrt",
        "Reciprocal", "Neg", "Abs", "Erf", "Softplus", "Softsign", "Elu", "Selu", "Celu", "Gelu", "Mish", "ThresholdedRelu",
        "Identity", "Cast", "BatchNormalization", "InstanceNormalization", "LayerNormalization", "LpNormalization",
        "Softmax", "LogSoftmax", "Hardmax", "LRN", "Floor", "Ceil", "Round", "Sign", "Not", "IsNaN", "IsInf", "Sin", "Cos",
        "MeanVarianceNormalization", "Shrink",
    };

    private static readonly HashSet<string> Broadcasting = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Equal", "Greater", "Less", "GreaterOrEqual",
        "LessOrEqual", "And", "Or", "Xor", "Where", "Mod", "BitShift",
    };

    public static long[][]? Infer(NodeProto node, ShapeState s)
    {
        var op = node.OpType;
        if (SameShape.Contains(op))
        {
            if (op is "Cast" or "Identity" && s.Ints(node, 0) is { } passed)
            {
                s.IntValues[node.Output[0]] = passed;
            }

            return Dropout(s.Shape(node, 0), op == "LayerNormalization" ? 1 : 0);
        }

        if (op == "Dropout")
        {
            return Dropout(s.Shape(node, 0), 1);
        }

        if (Broadcasting.Contains(op))
        {
            var shape = s.Shape(node, 0);
            for (var i = 1; i < node.Input.Count; i++)
            {
                shape = Broadcast(shape, s.Shape(node, i));
            }

            TrackArithmetic(node, s);
            return [shape];
        }

        return op switch
        {
            "Constant" => [ConstantShape(node)],
            "Conv" => [WindowShapes.Conv(node, s.Shape(node, 0), s.Shape(node, 1))],
            "ConvTranspose" => [WindowShapes.ConvTranspose(node, s.Shape(node, 0), s.Shape(node, 1))],
            "MaxPool" or "AveragePool" or "LpPool" => Twice(WindowShapes.Pool(node, s.Shape(node, 0))),
            "GlobalAveragePool" or "GlobalMaxPool" or "GlobalLpPool" => [[.. s.Shape(node, 0)[..2], .. Enumerable.Repeat(1L, s.Shape(node, 0).Length - 2)]],
            "Gemm" => [Gemm(node, s.Shape(node, 0), s.Shape(node, 1))],
            "MatMul" => [Known(ShapeRules.MatMul(Dims(s.Shape(node, 0)), Dims(s.Shape(node, 1))))],
            "Shape" => ShapeOf(node, s),
            "Size" => [[]],
            _ => LayoutShapes.Infer(node, s),
        };
    }

    public static long[][] Dropout(long[] shape, int extraOutputs) => [.. Enumerable.Repeat(shape, 1 + extraOutputs)];

    public static long[] Broadcast(long[] a, long[] b) => Known(ShapeRules.Broadcast(Dims(a), Dims(b)));

    public static OnnxDim[] Dims(long[] shape) => [.. shape.Select(OnnxDim.Known)];

    public static long[] Known(IEnumerable<OnnxDim> dims) =>
        [.. dims.Select(d => d.Value ?? throw new ArgumentException("an unknown dimension"))];

    private static long[][] Twice(long[] shape) => [shape, shape];

    private static long[] ConstantShape(NodeProto node) =>
        node.Find("value") is { T: { } tensor } ? TensorValues.Shape(tensor)
        : node.Find("value_ints") is { } ints ? [ints.Ints.Count]
        : node.Find("value_floats") is { } floats ? [floats.Floats.Count]
        : [];

    private static long[] Gemm(NodeProto node, long[] a, long[] b)
    {
        var m = node.Int("transA", 0) != 0 ? a[1] : a[0];
        var n = node.Int("transB", 0) != 0 ? b[0] : b[1];
        return [m, n];
    }

    private static long[][] ShapeOf(NodeProto node, ShapeState s)
    {
        var shape = s.Shape(node, 0);
        var rank = shape.Length;
        long start = node.Int("start", 0), end = node.Int("end", rank);
        start = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
        end = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
        var values = shape[(int)start..(int)Math.Max(start, end)];
        s.IntValues[node.Output[0]] = values;
        return [[values.Length]];
    }

    /// <summary>Integer arithmetic on known shape values (e.g. batch * channels), so a following Reshape resolves.</summary>
    private static void TrackArithmetic(NodeProto node, ShapeState s)
    {
        if (node.Input.Count != 2 || s.Ints(node, 0) is not { } a || s.Ints(node, 1) is not { } b || node.OpType is not ("Add" or "Sub" or "Mul" or "Div"))
        {
            return;
        }

        var length = Math.Max(a.Length, b.Length);
        if ((a.Length != length && a.Length != 1) || (b.Length != length && b.Length != 1))
        {
            return;
        }

        var result = new long[length];
        for (var i = 0; i < length; i++)
        {
            long x = a[a.Length == 1 ? 0 : i], y = b[b.Length == 1 ? 0 : i];
            result[i] = node.OpType switch
            {
                "Add" => x + y,
                "Sub" => x - y,
                "Mul" => x * y,
                _ => y == 0 ? throw new ArgumentException("division by zero") : x / y,
            };
        }

        s.IntValues[node.Output[0]] = result;
    }
}
