using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class PoolGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void MaxPool_RandomGeometry_MatchesFiniteDifferences(int seed)
    {
        var random = new Random(seed);
        long[] kernel = [random.Next(1, 4), random.Next(2, 4)];
        long[] strides = [random.Next(1, 3), random.Next(1, 4)];
        long[] x = [random.Next(1, 3), random.Next(1, 4), random.Next(5, 10), random.Next(5, 10)];
        var b = new NetBuilder(opset: 12, seed);
        var input = b.Input("x", x);
        var attributes = new List<Proto.AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", strides), Attr.Int("ceil_mode", random.Next(2)),
            Attr.Ints("pads", [random.Next(0, (int)kernel[0]), random.Next(0, (int)kernel[1]), random.Next(0, (int)kernel[0]), random.Next(0, (int)kernel[1])]),
        };
        if (seed % 3 == 0)
        {
            attributes.Add(Attr.Ints("dilations", [2, 1]));
        }

        var y = b.Node("MaxPool", [input], [.. attributes]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", x, y, seed, epsilon: 1e-4);

        GradientChecker.AssertMatches(result, 1e-2);
    }

    [Fact]
    public void MaxPool_NonOverlappingWindows_UsesPlainScatterAndMatches()
    {
        var b = new NetBuilder(opset: 9);
        var input = b.Input("x", 2, 3, 6, 8);
        var y = b.Node("MaxPool", [input], Attr.Ints("kernel_shape", [2, 2]), Attr.Ints("strides", [2, 2]));
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [2, 3, 6, 8], y, seed: 3, epsilon: 1e-4);

        GradientChecker.AssertMatches(result, 1e-2);
        var backward = Proto.ModelProto.Parser.ParseFrom(result.Plan.BackwardModel);
        var scatter = backward.Graph.Node.Single(n => n.OpType == "ScatterElements");
        Assert.Equal("none", scatter.Attribute.Single(a => a.Name == "reduction").S.ToStringUtf8());
    }

    [Fact]
    public void MaxPool_OverlappingWindowsSharingAMaximum_SumsBothWindows()
    {
        // One row [1, 5, 2]: both 2-wide windows of stride 1 pick the 5, so its gradient is r0 + r1.
        var b = new NetBuilder(opset: 13);
        var input = b.Input("x", 1, 1, 1, 3);
        var y = b.Node("MaxPool", [input], Attr.Ints("kernel_shape", [1, 2]), Attr.Ints("strides", [1, 1]));
        b.Output(y);
        var model = b.Build();
        var x = new Runtime.FloatTensor([1f, 5f, 2f], 1, 1, 1, 3);
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, Runtime.FloatTensor> { ["x"] = x });
        var plan = GradientBuilder.Build(model, new GradientRequest(["x"], y), shapes);

        var dx = GradientChecker.RunPlan(plan, new Dictionary<string, Runtime.FloatTensor> { ["x"] = x }, new Runtime.FloatTensor([0.25f, 2f], 1, 1, 1, 2))["x"];

        Assert.Equal([0f, 2.25f, 0f], dx.Data);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(18)]
    public void AveragePool_RandomGeometry_MatchesFiniteDifferences(int seed)
    {
        var random = new Random(seed);
        long[] kernel = [random.Next(1, 4), random.Next(2, 4)];
        long[] strides = [random.Next(1, 3), random.Next(1, 4)];
        long[] x = [random.Next(1, 3), random.Next(1, 4), random.Next(5, 10), random.Next(5, 10)];
        var b = new NetBuilder(opset: 11, seed);
        var input = b.Input("x", x);
        var attributes = new List<Proto.AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", strides), Attr.Int("ceil_mode", random.Next(2)),
            Attr.Int("count_include_pad", random.Next(2)),
        };
        if (seed % 4 == 0)
        {
            attributes.Add(Attr.Str("auto_pad", "SAME_UPPER"));
        }
        else
        {
            attributes.Add(Attr.Ints("pads", [random.Next(0, (int)kernel[0]), random.Next(0, (int)kernel[1]), random.Next(0, (int)kernel[0]), random.Next(0, (int)kernel[1])]));
        }

        var y = b.Node("AveragePool", [input], [.. attributes]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", x, y, seed);

        GradientChecker.AssertMatches(result, 1e-3);
    }

    [Fact]
    public void GlobalPools_MatchFiniteDifferences()
    {
        var b = new NetBuilder(opset: 9);
        var input = b.Input("x", 2, 3, 4, 5);
        var avg = b.Node("GlobalAveragePool", [input]);
        var max = b.Node("GlobalMaxPool", [input]);
        var y = b.Node("Add", [avg, b.Node("Mul", [max, b.Floats([3f], [1])])]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [2, 3, 4, 5], y, seed: 5, epsilon: 1e-4);

        GradientChecker.AssertMatches(result, 1e-2);
    }
}
