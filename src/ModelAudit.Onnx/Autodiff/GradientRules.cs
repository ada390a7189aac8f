using ModelAudit.Onnx.Autodiff.Precision;
using ModelAudit.Onnx.Autodiff.Rules;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// The operator table: which rule differentiates each operator, which of its inputs carry gradient (the others
/// are weights, shapes, indices or bounds), and which operators stop the gradient (integer or piecewise-constant
/// results).
/// </summary>
internal static class GradientRules
{
    private static readonly Dictionary<string, IGradientRule> Rules = new(StringComparer.Ordinal)
    {
        ["Relu"] = new DelegateRule(ActivationRules.Relu),
        ["LeakyRelu"] = new DelegateRule(ActivationRules.LeakyRelu),
        ["PRelu"] = new DelegateRule(ActivationRules.PRelu),
        ["Elu"] = new DelegateRule(ActivationRules.Elu),
        ["Softplus"] = new DelegateRule(ActivationRules.Softplus),
        ["Sigmoid"] = new DelegateRule(ActivationRules.Sigmoid),
        ["Tanh"] = new DelegateRule(ActivationRules.Tanh),
        ["HardSigmoid"] = new DelegateRule(ActivationRules.HardSigmoid),
        ["HardSwish"] = new DelegateRule(ActivationRules.HardSwish),
        ["Clip"] = new DelegateRule(ActivationRules.Clip),
        ["Exp"] = new DelegateRule(MathRules.Exp),
        ["Log"] = new DelegateRule(MathRules.Log),
        ["Sqrt"] = new DelegateRule(MathRules.Sqrt),
        ["Pow"] = new DelegateRule(MathRules.Pow),
        ["Reciprocal"] = new DelegateRule(MathRules.Reciprocal),
        ["Neg"] = new DelegateRule(MathRules.Neg),
        ["Abs"] = new DelegateRule(MathRules.Abs),
        ["Erf"] = new DelegateRule(MathRules.Erf),
        ["Add"] = new DelegateRule(ArithmeticRules.Add),
        ["Sub"] = new DelegateRule(ArithmeticRules.Sub),
        ["Mul"] = new DelegateRule(ArithmeticRules.Mul),
        ["Div"] = new DelegateRule(ArithmeticRules.Div),
        ["Sum"] = new DelegateRule(ArithmeticRules.Sum),
        ["Mean"] = new DelegateRule(ArithmeticRules.Mean),
        ["Max"] = new DelegateRule(ArithmeticRules.Extremum),
        ["Min"] = new DelegateRule(ArithmeticRules.Extremum),
        ["Where"] = new DelegateRule(ArithmeticRules.Where),
        ["MatMul"] = new DelegateRule(MatMulRules.MatMul),
        ["Gemm"] = new DelegateRule(MatMulRules.Gemm),
        ["Conv"] = new DelegateRule(ConvRules.Conv),
        ["ConvTranspose"] = new DelegateRule(ConvRules.ConvTranspose),
        ["MaxPool"] = new DelegateRule(PoolRules.MaxPool),
        ["AveragePool"] = new DelegateRule(PoolRules.AveragePool),
        ["GlobalAveragePool"] = new DelegateRule(PoolRules.GlobalAveragePool),
        ["GlobalMaxPool"] = new DelegateRule(PoolRules.GlobalMaxPool),
        ["BatchNormalization"] = new DelegateRule(NormalizationRules.BatchNormalization),
        ["InstanceNormalization"] = new DelegateRule(NormalizationRules.InstanceNormalization),
        ["LayerNormalization"] = new DelegateRule(NormalizationRules.LayerNormalization),
        ["Softmax"] = new DelegateRule(SoftmaxRules.Softmax),
        ["LogSoftmax"] = new DelegateRule(SoftmaxRules.LogSoftmax),
        ["ReduceSum"] = new DelegateRule(ReduceRules.Sum),
        ["ReduceMean"] = new DelegateRule(ReduceRules.Mean),
        ["ReduceMax"] = new DelegateRule(ReduceRules.Extremum),
        ["ReduceMin"] = new DelegateRule(ReduceRules.Extremum),
        ["Identity"] = new DelegateRule(ShapeRules.PassThrough),
        ["Dropout"] = new DelegateRule(ShapeRules.PassThrough),
        ["Cast"] = new DelegateRule(ShapeRules.PassThrough),
        ["Reshape"] = new DelegateRule(ShapeRules.Reshape),
        ["Flatten"] = new DelegateRule(ShapeRules.Reshape),
        ["Squeeze"] = new DelegateRule(ShapeRules.Reshape),
        ["Unsqueeze"] = new DelegateRule(ShapeRules.Reshape),
        ["Transpose"] = new DelegateRule(ShapeRules.Transpose),
        ["Expand"] = new DelegateRule(ShapeRules.Expand),
        ["Tile"] = new DelegateRule(ShapeRules.Tile),
        ["Concat"] = new DelegateRule(ShapeRules.Concat),
        ["Split"] = new DelegateRule(ShapeRules.Split),
        ["Gather"] = new DelegateRule(ShapeRules.Gather),
        ["Slice"] = new DelegateRule(SlicePadRules.Slice),
        ["Pad"] = new DelegateRule(SlicePadRules.Pad),
        ["Resize"] = new DelegateRule(ResizeRule.Backward),
        ["Upsample"] = new DelegateRule(ResizeRule.Backward),
        ["QuantizeLinear"] = new DelegateRule(QuantizeRules.Quantize),
        ["DequantizeLinear"] = new DelegateRule(QuantizeRules.Dequantize),
        ["Gelu"] = new DelegateRule(SmoothActivationRules.Gelu),
        ["Mish"] = new DelegateRule(SmoothActivationRules.Mish),
        ["Selu"] = new DelegateRule(SmoothActivationRules.Selu),
        ["Celu"] = new DelegateRule(SmoothActivationRules.Celu),
        ["ThresholdedRelu"] = new DelegateRule(SmoothActivationRules.ThresholdedRelu),
        ["Sin"] = new DelegateRule(SmoothActivationRules.Sin),
        ["Cos"] = new DelegateRule(SmoothActivationRules.Cos),
        ["Einsum"] = new DelegateRule(EinsumRule.Backward),
        ["GatherElements"] = new DelegateRule(ScatterGatherRules.GatherElements),
        ["GatherND"] = new DelegateRule(ScatterGatherRules.GatherND),
        ["ScatterND"] = new DelegateRule(ScatterGatherRules.ScatterND),
        ["ScatterElements"] = new DelegateRule(ScatterGatherRules.ScatterElements),
        ["Scatter"] = new DelegateRule(ScatterGatherRules.ScatterElements),
        ["GroupNormalization"] = new DelegateRule(NormalizationExtraRules.GroupNormalization),
        ["LpNormalization"] = new DelegateRule(NormalizationExtraRules.LpNormalization),
        ["LRN"] = new DelegateRule(NormalizationExtraRules.Lrn),
        ["ReduceL1"] = new DelegateRule(ReduceNormRules.L1),
        ["ReduceL2"] = new DelegateRule(ReduceNormRules.L2),
        ["ReduceSumSquare"] = new DelegateRule(ReduceNormRules.SumSquare),
        ["ReduceLogSumExp"] = new DelegateRule(ReduceNormRules.LogSumExp),
        ["ReduceProd"] = new DelegateRule(ReduceNormRules.Prod),
        ["DepthToSpace"] = new DelegateRule(RearrangeRules.DepthToSpace),
        ["SpaceToDepth"] = new DelegateRule(RearrangeRules.SpaceToDepth),
        ["Trilu"] = new DelegateRule(RearrangeRules.Trilu),
        ["CumSum"] = new DelegateRule(RearrangeRules.CumSum),
    };

    /// <summary>Operators whose only differentiable input is the first (the rest are weights, shapes, indices).</summary>
    private static readonly HashSet<string> FirstInputOnly = new(StringComparer.Ordinal)
    {
        "Conv", "ConvTranspose", "BatchNormalization", "InstanceNormalization", "LayerNormalization", "PRelu", "Pow",
        "Clip", "Reshape", "Expand", "Tile", "Slice", "Pad", "Resize", "Upsample", "Gather", "Squeeze", "Unsqueeze",
        "Split", "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "Dropout", "QuantizeLinear", "DequantizeLinear",
        "GatherElements", "GatherND", "GroupNormalization", "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSumExp",
        "ReduceProd", "Trilu", "CumSum",
    };

    private static readonly HashSet<string> Stops = new(StringComparer.Ordinal)
    {
        "Shape", "Size", "Constant", "ConstantOfShape", "Range", "Equal", "Greater", "Less", "GreaterOrEqual",
        "LessOrEqual", "Not", "And", "Or", "Xor", "NonZero", "ArgMax", "ArgMin", "IsNaN", "IsInf", "Sign", "Floor",
        "Ceil", "Round", "EyeLike", "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial",
        "OneHot", "NonMaxSuppression",
    };

    /// <summary>Quantization carries gradient through its integer values (straight-through).</summary>
    private static readonly HashSet<string> IntegerCarriers = new(StringComparer.Ordinal) { "QuantizeLinear", "DequantizeLinear" };

    /// <summary>Every operator with a rule (the README's list is generated from this).</summary>
    public static IReadOnlyCollection<string> Differentiated => Rules.Keys;

    /// <summary>Every operator that ends the gradient path (a Cast to a non-float type does too).</summary>
    public static IReadOnlyCollection<string> Stopping => Stops;

    public static bool TryGet(string opType, out IGradientRule rule) => Rules.TryGetValue(opType, out rule!);

    /// <summary>Whether the node's outputs carry no gradient at all (the path stops there).</summary>
    public static bool StopsGradient(NodeProto node) =>
        IsDefaultDomain(node) && (Stops.Contains(node.OpType) || (node.OpType == "Cast" && !IsFloatType(node.Int("to", 1))));

    public static bool PassesIntegers(NodeProto node) => IsDefaultDomain(node) && IntegerCarriers.Contains(node.OpType);

    public static bool IsDefaultDomain(NodeProto node) => node.Domain.Length == 0 || node.Domain == "ai.onnx";

    public static bool IsDifferentiableInput(NodeProto node, int input) => node.OpType switch
    {
        "Where" => input is 1 or 2,
        "ScatterND" or "ScatterElements" or "Scatter" => input is 0 or 2,
        _ when FirstInputOnly.Contains(node.OpType) => input == 0,
        _ => true,
    };

    // FLOAT, FLOAT16, DOUBLE, BFLOAT16.
    private static bool IsFloatType(long type) => type is 1 or 10 or 11 or 16;
}
