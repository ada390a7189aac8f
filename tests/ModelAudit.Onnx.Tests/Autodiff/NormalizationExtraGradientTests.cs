using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class NormalizationExtraGradientTests
{
    [Theory]
    [InlineData(18, 1)]
    [InlineData(18, 2)]
    [InlineData(21, 3)]
    [InlineData(21, 4)]
    public void GroupNormalization_ScalePerGroupOrPerChannel_MatchesFiniteDifferences(long opset, int seed)
    {
        var b = new NetBuilder(opset, seed);
        var groups = b.Random.Next(1, 4);
        long channels = groups * b.Random.Next(1, 4);
        long[] shape = [2, channels, b.Random.Next(1, 4), b.Random.Next(2, 5)];
        // Opset 18 scales per group; 21 per channel.
        var scaleLength = opset >= 21 ? channels : groups;
        var x = b.Input("x", shape);
        var y = b.Node(
            "GroupNormalization",
            [x, b.RandomFloats([scaleLength]), b.RandomFloats([scaleLength])],
            Attr.Int("num_groups", groups),
            Attr.Float("epsilon", 1e-3f));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed, epsilon: 1e-3), 1e-2);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(1, 4)]
    public void LpNormalization_RandomAxis_MatchesFiniteDifferences(long p, int seed)
    {
        var b = new NetBuilder(13, seed);
        var shape = OperandSlices.RandomShape(b.Random, 3, 5);
        shape[0] = Math.Max(shape[0], 2);
        var x = b.Input("x", shape);
        var y = b.Node("LpNormalization", [x], Attr.Int("p", p), Attr.Int("axis", b.Random.Next(-3, 3)));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed, epsilon: 1e-4), 1e-2);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(7, 4)]
    public void Lrn_WindowSizes_MatchesFiniteDifferences(long size, int seed)
    {
        var b = new NetBuilder(13, seed);
        long[] shape = [2, b.Random.Next(3, 8), b.Random.Next(1, 4), b.Random.Next(1, 4)];
        var x = b.Input("x", shape);
        var y = b.Node(
            "LRN",
            [x],
            Attr.Int("size", size),
            Attr.Float("alpha", 0.5f),
            Attr.Float("beta", 0.75f),
            Attr.Float("bias", 1.5f));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed, epsilon: 1e-3, inputScale: 2f), 1e-2);
    }
}
