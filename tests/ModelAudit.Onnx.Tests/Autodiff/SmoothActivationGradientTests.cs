using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class SmoothActivationGradientTests
{
    public static TheoryData<string, long, string, int> Cases => new()
    {
        // operator, forward opset, attribute "name=value" (or empty), seed for the random shape
        { "Gelu", 20, "approximate=none", 1 },
        { "Gelu", 20, "approximate=tanh", 2 },
        { "Mish", 18, "", 3 },
        { "Selu", 13, "", 4 },
        { "Selu", 13, "alpha=1.3", 5 },
        { "Celu", 13, "alpha=0.7", 6 },
        { "ThresholdedRelu", 13, "alpha=0.4", 7 },
        { "Sin", 13, "", 8 },
        { "Cos", 13, "", 9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Activation_RandomShape_MatchesFiniteDifferences(string opType, long opset, string attribute, int seed)
    {
        var b = new NetBuilder(opset, seed);
        var shape = OperandSlices.RandomShape(b.Random, b.Random.Next(1, 5));
        var x = b.Input("x", shape);
        var y = b.Node(opType, [b.Node("Mul", [x, b.Floats([3f], [1])])], Attributes(attribute));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed, epsilon: 1e-4), 1e-2);
    }

    [Fact]
    public void Gelu_BothApproximations_MatchHandComputedSlopes()
    {
        // Guards against one branch computing the other: at x = 1.5 the slopes, computed by hand in float64, are
        // Phi(1.5) + 1.5 phi(1.5) = 1.127469 (exact) and 1.127711 (tanh approximation).
        Assert.Equal(1.127469, GeluSlope("none"), 5);
        Assert.Equal(1.127711, GeluSlope("tanh"), 5);
    }

    [Fact]
    public void Sign_StopsTheGradient_LikeItsZeroDerivative()
    {
        // y = x * sign(x) = |x|: only the direct path carries gradient, so dX = sign(x) exactly.
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 5);
        var y = b.Node("Mul", [x, b.Node("Sign", [x])]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [2, 5], y, seed: 3);

        GradientChecker.AssertMatches(result, 1e-3);
    }

    private static double GeluSlope(string approximate)
    {
        var b = new NetBuilder(20);
        var x = b.Input("x", 1);
        var y = b.Node("Gelu", [x], Attr.Str("approximate", approximate));
        b.Output(y);
        var model = b.Build();
        var feeds = new Dictionary<string, Runtime.FloatTensor> { ["x"] = new([1.5f], 1) };
        var plan = GradientBuilder.Build(model, new GradientRequest(["x"], y), GradientChecker.StaticShapes(model, feeds));
        return GradientChecker.RunPlan(plan, feeds, new Runtime.FloatTensor([1f], 1))["x"].Data[0];
    }

    private static AttributeProto[] Attributes(string attribute)
    {
        if (attribute.Length == 0)
        {
            return [];
        }

        var (name, value) = (attribute.Split('=')[0], attribute.Split('=')[1]);
        return [float.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var f) ? Attr.Float(name, f) : Attr.Str(name, value)];
    }
}
