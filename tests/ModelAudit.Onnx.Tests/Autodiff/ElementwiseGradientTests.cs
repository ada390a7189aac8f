using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ElementwiseGradientTests
{
    public static TheoryData<string, long> Unary => new()
    {
        { "Relu", 13 }, { "Sigmoid", 13 }, { "Tanh", 13 }, { "Exp", 13 }, { "Neg", 13 }, { "Abs", 13 }, { "Erf", 13 },
        { "Softplus", 13 }, { "Elu", 13 }, { "LeakyRelu", 13 }, { "HardSigmoid", 9 }, { "HardSwish", 14 }, { "Identity", 13 },
    };

    [Theory]
    [MemberData(nameof(Unary))]
    public void UnaryActivation_MatchesFiniteDifferences(string opType, long opset)
    {
        var b = new NetBuilder(opset);
        var input = b.Input("x", 2, 3, 4, 5);
        // Scaled so HardSigmoid/HardSwish/Clip see both their flat and their sloped parts.
        var y = b.Node(opType, [b.Node("Mul", [input, b.Floats([4f], [1])])]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [2, 3, 4, 5], y, seed: opType.Length, epsilon: 1e-4);

        GradientChecker.AssertMatches(result, 1e-2);
    }

    [Theory]
    [InlineData("Log")]
    [InlineData("Sqrt")]
    [InlineData("Reciprocal")]
    public void PositiveDomainFunction_MatchesFiniteDifferences(string opType)
    {
        var b = new NetBuilder(13);
        var input = b.Input("x", 3, 7);
        var y = b.Node(opType, [b.Node("Add", [input, b.Floats([2f], [1])])]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [3, 7], y, seed: 4);

        GradientChecker.AssertMatches(result, 1e-3);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Clip_AttributesOrInputsPerOpset_MatchesFiniteDifferences(long opset)
    {
        var b = new NetBuilder(opset);
        var input = b.Input("x", 4, 9);
        var y = opset < 11
            ? b.Node("Clip", [input], Attr.Float("min", -0.3f), Attr.Float("max", 0.5f))
            : b.Node("Clip", [input, b.Floats([-0.3f], []), b.Floats([0.5f], [])]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [4, 9], y, seed: 9, epsilon: 1e-4);

        GradientChecker.AssertMatches(result, 1e-2);
        // Strictly inside (-0.3, 0.5) the gradient is the seed; outside it is zero.
        Assert.Contains(result.Gradient, g => g == 0f);
    }

    [Fact]
    public void PRelu_ChannelSlope_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(9);
        var input = b.Input("x", 2, 3, 4, 4);
        var y = b.Node("PRelu", [input, b.Floats([0.1f, -0.5f, 2f], [3, 1, 1])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4, 4], y, seed: 2, epsilon: 1e-4), 1e-2);
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Sub")]
    [InlineData("Mul")]
    [InlineData("Div")]
    public void BinaryOp_BothOperandsBroadcast_MatchesFiniteDifferences(string opType)
    {
        // y = op(x, g(x)) with g(x) a broadcast [1,3,1,5] view of x, so both input gradients and the broadcast
        // reduction are exercised; Div's divisor is kept away from zero.
        var b = new NetBuilder(13);
        var input = b.Input("x", 2, 3, 4, 5);
        var pooled = b.Node("ReduceMean", [input], Attr.Ints("axes", [0, 2]), Attr.Int("keepdims", 1));
        var other = b.Node("Add", [b.Node("Mul", [pooled, pooled]), b.Floats([1f], [])]);
        var y = b.Node(opType, [input, other]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4, 5], y, seed: 6), 1e-3);
    }

    [Fact]
    public void PowAndVariadicOps_MatchFiniteDifferences()
    {
        var b = new NetBuilder(13);
        var input = b.Input("x", 3, 4);
        var shifted = b.Node("Add", [input, b.Floats([1.5f], [])]);
        var squared = b.Node("Pow", [shifted, b.Floats([2.5f], [])]);
        var negated = b.Node("Neg", [input]);
        var sum = b.Node("Sum", [squared, input, negated, shifted]);
        var mean = b.Node("Mean", [sum, squared]);
        var max = b.Node("Max", [mean, negated]);
        var y = b.Node("Min", [max, b.Node("Mul", [input, b.Floats([3f], [])])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [3, 4], y, seed: 8, epsilon: 1e-4), 1e-2);
    }

    [Fact]
    public void Where_ConditionFromTheGraph_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(13);
        var input = b.Input("x", 3, 5);
        var condition = b.Node("Greater", [input, b.Floats([0.2f], [])]);
        var y = b.Node("Where", [condition, b.Node("Mul", [input, input]), b.Node("Neg", [input])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [3, 5], y, seed: 10, epsilon: 1e-4), 1e-2);
    }

    [Fact]
    public void Relu_Guided_DropsNegativeIncomingGradients()
    {
        var b = new NetBuilder(13);
        var input = b.Input("x", 1, 4);
        var y = b.Node("Relu", [input]);
        b.Output(y);
        var model = b.Build();
        var x = new Runtime.FloatTensor([1f, -1f, 2f, 3f], 1, 4);
        var feeds = new Dictionary<string, Runtime.FloatTensor> { ["x"] = x };
        var shapes = GradientChecker.StaticShapes(model, feeds);
        var seed = new Runtime.FloatTensor([0.5f, 7f, -2f, 4f], 1, 4);

        var plain = GradientChecker.RunPlan(GradientBuilder.Build(model, new GradientRequest(["x"], y), shapes), feeds, seed)["x"];
        var guided = GradientChecker.RunPlan(GradientBuilder.Build(model, new GradientRequest(["x"], y, Guided: true), shapes), feeds, seed)["x"];

        Assert.Equal([0.5f, 0f, -2f, 4f], plain.Data);
        Assert.Equal([0.5f, 0f, 0f, 4f], guided.Data);
    }
}
