using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ShapeGradientTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void ReshapeFamily_AttributesOrInputsPerOpset_MatchesFiniteDifferences(long opset)
    {
        var b = new NetBuilder(opset, seed: 2);
        var x = b.Input("x", 2, 3, 4);
        var unsqueezed = opset < 13 ? b.Node("Unsqueeze", [x], Attr.Ints("axes", [1])) : b.Node("Unsqueeze", [x, b.Ints(1)]);
        var squeezed = opset < 13 ? b.Node("Squeeze", [unsqueezed], Attr.Ints("axes", [1])) : b.Node("Squeeze", [unsqueezed, b.Ints(1)]);
        var transposed = b.Node("Transpose", [squeezed], Attr.Ints("perm", [2, 0, 1]));
        var reshaped = b.Node("Reshape", [transposed, b.Ints(4, -1)]);
        var flat = b.Node("Flatten", [b.Node("Tanh", [reshaped])], Attr.Int("axis", 0));
        var y = b.Node("MatMul", [flat, b.RandomFloats([24, 3])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4], y, seed: 3), 1e-3);
    }

    [Fact]
    public void ConcatAndSplit_WithAnOutputOffThePath_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(11, seed: 3);
        var x = b.Input("x", 2, 5, 3);
        var joined = b.Node("Concat", [b.Node("Sigmoid", [x]), b.RandomFloats([2, 2, 3]), x], Attr.Int("axis", -2));
        var parts = b.NodeN("Split", [joined], 3, Attr.Int("axis", 1), Attr.Ints("split", [3, 6, 3]));
        var y = b.Node("Mul", [parts[0], parts[2]]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 5, 3], y, seed: 4), 1e-3);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Slice_StepsAndNegativeBounds_MatchesFiniteDifferences(long opset)
    {
        var b = new NetBuilder(opset);
        var x = b.Input("x", 3, 8, 7);
        var y = opset < 10
            ? b.Node("Slice", [x], Attr.Ints("starts", [1, -6]), Attr.Ints("ends", [100, 6]), Attr.Ints("axes", [1, 2]))
            : b.Node("Slice", [x, b.Ints(-1, 1, 6), b.Ints(-100, 8, 0), b.Ints(0, 1, 2), b.Ints(-2, 3, -2)]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [3, 8, 7], y, seed: 5), 1e-3);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void Pad_PositiveAndNegativePads_MatchesFiniteDifferences(long opset)
    {
        var b = new NetBuilder(opset);
        var x = b.Input("x", 1, 2, 5, 6);
        long[] pads = [0, 0, 2, -1, 0, 1, -2, 3];
        var y = opset < 11
            ? b.Node("Pad", [x], Attr.Ints("pads", pads), Attr.Float("value", 0.5f))
            : b.Node("Pad", [x, b.Ints(pads), b.Floats([0.5f], [])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [1, 2, 5, 6], y, seed: 6), 1e-3);
    }

    [Fact]
    public void GatherExpandTile_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 4, 3);
        var gathered = b.Node("Gather", [x, b.Ints(2, 0, 2, -1)], Attr.Int("axis", 0));
        var expanded = b.Node("Expand", [b.Node("Reshape", [x, b.Ints(4, 1, 3)]), b.Ints(4, 2, 3)]);
        var tiled = b.Node("Tile", [gathered, b.Ints(2, 3)]);
        var y = b.Node("Add", [b.Node("Reshape", [tiled, b.Ints(4, 2, 9)]), b.Node("Tile", [expanded, b.Ints(1, 1, 3)])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [4, 3], y, seed: 7), 1e-3);
    }

    [Theory]
    [InlineData("ReduceSum", 11)]
    [InlineData("ReduceSum", 13)]
    [InlineData("ReduceMean", 13)]
    [InlineData("ReduceMean", 18)]
    [InlineData("ReduceMax", 13)]
    [InlineData("ReduceMin", 18)]
    public void Reduce_AxesAttributeOrInputPerOpset_MatchesFiniteDifferences(string opType, long opset)
    {
        var b = new NetBuilder(opset);
        var x = b.Input("x", 2, 3, 4);
        var axesAsInput = opset >= (opType == "ReduceSum" ? 13 : 18);
        var y = axesAsInput
            ? b.Node(opType, [x, b.Ints(-1, 0)], Attr.Int("keepdims", 0))
            : b.Node(opType, [x], Attr.Ints("axes", [-1, 0]), Attr.Int("keepdims", 0));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4], y, seed: 8, epsilon: 1e-4), 1e-2);
    }

    [Fact]
    public void Reduce_NoAxes_ReducesEverything()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 3);
        var y = b.Node("ReduceMean", [x], Attr.Int("keepdims", 1));
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [2, 3], y, seed: 9);

        GradientChecker.AssertMatches(result, 1e-3);
        Assert.All(result.Gradient, g => Assert.Equal(result.Gradient[0], g));
    }
}
