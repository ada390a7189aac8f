using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests.Autodiff;

/// <summary>The stride-1 Conv data gradient written as a Conv with flipped, channel-swapped weights.</summary>
public class ConvDataGradientTests
{
    [Theory]
    [InlineData(21, 1, 0, 0)]
    [InlineData(22, 1, 1, 2)]
    [InlineData(23, 2, 2, 0)]
    [InlineData(24, 3, 1, 1)]
    [InlineData(25, 1, 2, 1)]
    public void Conv_StrideOne_MatchesFiniteDifferencesAndUsesConv(int seed, int group, int padBegin, int padEnd)
    {
        var random = new Random(seed);
        long inChannels = group * random.Next(1, 3), outChannels = group * random.Next(1, 3);
        long[] kernel = [3, random.Next(1, 4)];
        long[] dilations = [random.Next(1, 3), 1];
        long[] x = [2, inChannels, 9, 8];
        var b = new NetBuilder(opset: 13, seed);
        var input = b.Input("x", x);
        var w = b.RandomFloats([outChannels, inChannels / group, .. kernel], asConstantNode: seed % 2 == 0);
        var y = b.Node("Conv", [input, w], Attr.Ints("kernel_shape", kernel), Attr.Ints("dilations", dilations),
            Attr.Int("group", group), Attr.Ints("pads", [padBegin, 0, padEnd, 1]));
        b.Output(y);
        var model = b.Build();

        GradientChecker.AssertMatches(GradientChecker.Check(model, "x", x, y, seed), 1e-3);
        Assert.Equal(["Conv"], BackwardOps(model, x, y));
    }

    [Theory]
    [InlineData(31, 1)]
    [InlineData(32, 2)]
    public void Conv_OneAndThreeSpatialAxes_MatchFiniteDifferences(int seed, int group)
    {
        // The flip reverses every spatial axis of any rank; a 1-D and a 3-D kernel check both ends.
        foreach (var (x, kernel) in new (long[] X, long[] Kernel)[] { ([2, 2 * group, 11], [3]), ([1, 2 * group, 5, 4, 6], [2, 1, 3]) })
        {
            var b = new NetBuilder(opset: 13, seed);
            var input = b.Input("x", x);
            var w = b.RandomFloats([3L * group, 2, .. kernel]);
            var pads = kernel.Select(k => k / 2).Concat(kernel.Select(_ => 0L)).ToArray();
            var y = b.Node("Conv", [input, w], Attr.Ints("kernel_shape", kernel), Attr.Int("group", group), Attr.Ints("pads", pads));
            b.Output(y);
            var model = b.Build();

            GradientChecker.AssertMatches(GradientChecker.Check(model, "x", x, y, seed), 1e-3);
            Assert.Equal(["Conv"], BackwardOps(model, x, y));
        }
    }

    [Fact]
    public void Conv_StrideOne_BackwardModelHoldsTheWeightsOnce()
    {
        // The flipped kernel is computed from the forward weights inside the graph, not stored a second time.
        long[] x = [1, 4, 6, 6];
        var b = new NetBuilder(opset: 13, 11);
        var input = b.Input("x", x);
        var w = b.RandomFloats([6, 4, 3, 3]);
        var y = b.Node("Conv", [input, w], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("pads", [1, 1, 1, 1]));
        b.Output(y);
        var model = b.Build();

        var initializers = BackwardModel(model, x, y).Graph.Initializer;

        var weightSized = initializers.Where(t => t.Dims.Aggregate(1L, (p, d) => p * d) >= 6 * 4 * 3 * 3).Select(t => t.Name);
        Assert.Equal([w], weightSized);
    }

    [Fact]
    public void Conv_PadsWiderThanTheKernel_CropsAndMatchesFiniteDifferences()
    {
        // A 1x1 kernel with pads (1,2) before and (3,1) after: every pad exceeds the kernel's reach (0).
        long[] x = [1, 2, 5, 6];
        var b = new NetBuilder(opset: 13, 7);
        var input = b.Input("x", x);
        var y = b.Node("Conv", [input, b.RandomFloats([3, 2, 1, 1])], Attr.Ints("kernel_shape", [1, 1]), Attr.Ints("pads", [1, 2, 3, 1]));
        b.Output(y);
        var model = b.Build();

        GradientChecker.AssertMatches(GradientChecker.Check(model, "x", x, y, 7), 1e-3);
        Assert.Equal(["Conv"], BackwardOps(model, x, y));
    }

    [Fact]
    public void Conv_Strided_KeepsConvTranspose()
    {
        long[] x = [1, 2, 8, 8];
        var b = new NetBuilder(opset: 13, 3);
        var input = b.Input("x", x);
        var y = b.Node("Conv", [input, b.RandomFloats([3, 2, 3, 3])], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("strides", [2, 2]));
        b.Output(y);

        Assert.Equal(["ConvTranspose"], BackwardOps(b.Build(), x, y));
    }

    private static IEnumerable<string> BackwardOps(OnnxModel model, long[] inputShape, string output) =>
        BackwardModel(model, inputShape, output).Graph.Node.Select(n => n.OpType).Where(op => op is "Conv" or "ConvTranspose").Distinct();

    private static ModelProto BackwardModel(OnnxModel model, long[] inputShape, string output)
    {
        var x = new Runtime.FloatTensor(new float[inputShape.Aggregate(1L, (a, b) => a * b)], inputShape);
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, Runtime.FloatTensor> { ["x"] = x });
        var plan = GradientBuilder.Build(model, new GradientRequest(["x"], output), shapes);
        return ModelProto.Parser.ParseFrom(plan.BackwardModel);
    }
}
