using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class RearrangeGradientTests
{
    [Theory]
    [InlineData("DCR", 2, 1)]
    [InlineData("CRD", 2, 2)]
    [InlineData("DCR", 3, 3)]
    [InlineData("CRD", 3, 4)]
    public void DepthToSpace_BothModes_MatchesFiniteDifferences(string mode, long block, int seed)
    {
        var b = new NetBuilder(13, seed);
        long[] shape = [2, block * block * b.Random.Next(1, 3), b.Random.Next(1, 4), b.Random.Next(1, 4)];
        var x = b.Input("x", shape);
        // A Mul with random weights makes every output position count differently, so a wrong permutation fails.
        var moved = b.Node("DepthToSpace", [x], Attr.Int("blocksize", block), Attr.Str("mode", mode));
        var y = b.Node("Mul", [moved, b.RandomFloats([shape[0], shape[1] / (block * block), shape[2] * block, shape[3] * block])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void SpaceToDepth_RandomShape_MatchesFiniteDifferences(long block, int seed)
    {
        var b = new NetBuilder(13, seed);
        long[] shape = [2, b.Random.Next(1, 4), block * b.Random.Next(1, 3), block * b.Random.Next(1, 3)];
        var x = b.Input("x", shape);
        var moved = b.Node("SpaceToDepth", [x], Attr.Int("blocksize", block));
        var y = b.Node("Mul", [moved, b.RandomFloats([shape[0], shape[1] * block * block, shape[2] / block, shape[3] / block])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(0, 1, 2)]
    [InlineData(1, -1, 3)]
    [InlineData(0, -2, 4)]
    public void Trilu_UpperOrLowerWithOffset_MatchesFiniteDifferences(long upper, long k, int seed)
    {
        var b = new NetBuilder(14, seed);
        long[] shape = [2, b.Random.Next(2, 6), b.Random.Next(2, 6)];
        var x = b.Input("x", shape);
        var y = b.Node("Mul", [b.Node("Trilu", [x, b.Ints([k], [])], Attr.Int("upper", upper)), x]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", shape, y, seed);

        GradientChecker.AssertMatches(result, 1e-3);
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 0, 2)]
    [InlineData(0, 1, 3)]
    [InlineData(1, 1, 4)]
    public void CumSum_ExclusiveAndReverse_MatchesFiniteDifferences(long exclusive, long reverse, int seed)
    {
        var b = new NetBuilder(14, seed);
        var shape = OperandSlices.RandomShape(b.Random, 3, 5);
        var axis = b.Random.Next(-3, 3);
        shape[axis < 0 ? axis + 3 : axis] = b.Random.Next(3, 7); // long enough that direction and exclusivity matter
        var x = b.Input("x", shape);
        var y = b.Node("CumSum", [x, b.Ints([axis], [])], Attr.Int("exclusive", exclusive), Attr.Int("reverse", reverse));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }

    [Theory]
    [InlineData("reflect", 11, 1)]
    [InlineData("reflect", 18, 2)]
    [InlineData("edge", 11, 3)]
    [InlineData("edge", 7, 4)]
    [InlineData("wrap", 19, 5)]
    public void Pad_ReflectEdgeWrap_MatchesFiniteDifferences(string mode, long opset, int seed)
    {
        var b = new NetBuilder(opset, seed);
        long[] shape = [1, 2, b.Random.Next(3, 6), b.Random.Next(3, 6)];
        // Reflect and wrap pads stay below the axis length (ONNX Runtime's limit); edge pads may exceed it.
        var limit = mode == "edge" ? 5 : 2;
        long[] pads = [0, 0, b.Random.Next(0, limit + 1), b.Random.Next(0, limit + 1), 0, 0, b.Random.Next(0, limit + 1), b.Random.Next(1, limit + 1)];
        var x = b.Input("x", shape);
        var padded = opset < 11
            ? b.Node("Pad", [x], Attr.Ints("pads", pads), Attr.Str("mode", mode))
            : b.Node("Pad", [x, b.Ints(pads)], Attr.Str("mode", mode));
        var y = b.Node("Mul", [padded, padded]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }
}
