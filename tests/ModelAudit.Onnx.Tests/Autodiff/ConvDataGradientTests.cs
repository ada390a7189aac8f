using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Rules;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests.Autodiff;

/// <summary>The stride-1 Conv data gradient written as a Conv with flipped, channel-swapped weights.</summary>
public class ConvDataGradientTests
{
    [Fact]
    public void FlipAndSwap_TwoGroups_MovesEveryWeightByHand()
    {
        // W [M=4, C/g=1, 1, 2] with 2 groups: W'[C=2, M/g=2, 1, 2]; W'[g*1 + 0, m, 0, 1-t] = W[g*2 + m, 0, 0, t].
        double[] w = [1, 2, 3, 4, 5, 6, 7, 8];

        var flipped = ConvDataGradient.FlipAndSwap(w, [4, 1, 1, 2], 2, out var shape);

        Assert.Equal(new long[] { 2, 2, 1, 2 }, shape);
        Assert.Equal(new float[] { 2, 1, 4, 3, 6, 5, 8, 7 }, flipped);
    }

    [Fact]
    public void FlipAndSwap_OneGroup_SwapsInputAndOutputChannels()
    {
        // W [M=2, C=3, 1, 1]: W'[c, m] = W[m, c].
        double[] w = [1, 2, 3, 4, 5, 6];

        var flipped = ConvDataGradient.FlipAndSwap(w, [2, 3, 1, 1], 1, out var shape);

        Assert.Equal(new long[] { 3, 2, 1, 1 }, shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, flipped);
    }

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

    private static IEnumerable<string> BackwardOps(OnnxModel model, long[] inputShape, string output)
    {
        var x = new Runtime.FloatTensor(new float[inputShape.Aggregate(1L, (a, b) => a * b)], inputShape);
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, Runtime.FloatTensor> { ["x"] = x });
        var plan = GradientBuilder.Build(model, new GradientRequest(["x"], output), shapes);
        return ModelProto.Parser.ParseFrom(plan.BackwardModel).Graph.Node
            .Select(n => n.OpType).Where(op => op is "Conv" or "ConvTranspose").Distinct();
    }
}
