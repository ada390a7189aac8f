using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests.Autodiff.Folding;

/// <summary>
/// Shape-valued inputs computed at run time, as torch.onnx.export writes them, with the input size either static in
/// the model or symbolic (the plan is built for the size used); checked by finite differences.
/// </summary>
public class ShapeSubgraphGradientTests
{
    [Theory]
    [InlineData(false, 6)]
    [InlineData(true, 6)]
    [InlineData(true, 10)]
    public void ChunkAndChannelShuffle_BoundsFromShapeGatherDivMul_MatchesFiniteDifferences(bool dynamic, long channels)
    {
        // ShuffleNet v2: x.chunk(2, dim=1) -> Slice bounds from Shape -> Gather -> Div -> Mul; channel_shuffle ->
        // Reshape to a shape assembled from Shape values.
        var b = new NetBuilder(13, seed: 21);
        var x = b.Input("x", dynamic ? [-1, -1, -1, -1] : [2, channels, 3, 4]);
        var shape = b.Node("Shape", [x]);
        var c = b.Node("Gather", [shape, b.Scalar(1)], Attr.Int("axis", 0));
        var half = b.Node("Div", [c, b.Scalar(2)]);
        var end1 = b.Node("Unsqueeze", [b.Node("Mul", [half, b.Scalar(1)]), b.Ints(0)]);
        var end2 = b.Node("Unsqueeze", [b.Node("Mul", [half, b.Scalar(2)]), b.Ints(0)]);
        var first = b.Node("Slice", [x, b.Ints(0), end1, b.Ints(1)]);
        var second = b.Node("Slice", [x, end1, end2, b.Ints(1)]);
        var joined = b.Node("Concat", [b.Node("Tanh", [first]), b.Node("Mul", [second, second])], Attr.Int("axis", 1));
        var n = b.Node("Unsqueeze", [b.Node("Gather", [shape, b.Scalar(0)], Attr.Int("axis", 0)), b.Ints(0)]);
        var hw = b.Node("Slice", [shape, b.Ints(2), b.Ints(long.MaxValue), b.Ints(0)]);
        var grouped = b.Node("Reshape", [joined, b.Node("Concat", [n, b.Ints(2), b.Node("Unsqueeze", [half, b.Ints(0)]), hw], Attr.Int("axis", 0))]);
        var shuffled = b.Node("Transpose", [grouped], Attr.Ints("perm", [0, 2, 1, 3, 4]));
        var back = b.Node("Reshape", [shuffled, b.Node("Concat", [n, b.Ints(-1), hw], Attr.Int("axis", 0))]);
        var y = b.Node("Sigmoid", [back]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, channels, 3, 4], y, seed: 1), 1e-3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PatchTokensWithClassToken_ShapesFromShapeSubgraphs_MatchesFiniteDifferences(bool dynamic)
    {
        // ViT: flatten patches to tokens with a Reshape built from Shape, expand the class token to the batch size,
        // prepend it, take token 0 as the class output.
        var b = new NetBuilder(13, seed: 22);
        var x = b.Input("x", dynamic ? [-1, 4, -1, -1] : [2, 4, 3, 2]);
        var shape = b.Node("Shape", [x]);
        var n = b.Node("Unsqueeze", [b.Node("Gather", [shape, b.Scalar(0)], Attr.Int("axis", 0)), b.Ints(0)]);
        var tokens = b.Node("Transpose", [b.Node("Reshape", [x, b.Node("Concat", [n, b.Ints(4, -1)], Attr.Int("axis", 0))])], Attr.Ints("perm", [0, 2, 1]));
        var classToken = b.Node("Expand", [b.RandomFloats([1, 1, 4]), b.Node("Concat", [n, b.Ints(1, 1)], Attr.Int("axis", 0))]);
        var sequence = b.Node("Concat", [classToken, tokens], Attr.Int("axis", 1));
        var mixed = b.Node("MatMul", [b.Node("Softmax", [b.Node("MatMul", [sequence, b.Node("Transpose", [sequence], Attr.Ints("perm", [0, 2, 1]))])], Attr.Int("axis", -1)), sequence]);
        var count = b.Node("Gather", [b.Node("Shape", [mixed]), b.Scalar(1)], Attr.Int("axis", 0));
        var last = b.Node("Slice", [mixed, b.Node("Unsqueeze", [b.Node("Sub", [count, b.Scalar(1)]), b.Ints(0)]), b.Ints(long.MaxValue), b.Ints(1)]);
        var y = b.Node("Add", [b.Node("Gather", [mixed, b.Scalar(0)], Attr.Int("axis", 1)), b.Node("Squeeze", [last, b.Ints(1)])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 4, 3, 2], y, seed: 2), 1e-3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PadResizeTile_ArgumentsComputedFromShape_MatchesFiniteDifferences(bool dynamic)
    {
        var b = new NetBuilder(13, seed: 23);
        var x = b.Input("x", dynamic ? [1, 2, -1, -1] : [1, 2, 3, 5]);
        var shape = b.Node("Shape", [x]);
        var hw = b.Node("Slice", [shape, b.Ints(2), b.Ints(4)]);
        // Pad to even sizes: pads = [0, 0, 0, 0, 0, 0, h % 2, w % 2] (torch's F.pad with computed amounts).
        var odd = b.Node("Mod", [hw, b.Ints(2)]);
        var pads = b.Node("Concat", [b.Node("ConstantOfShape", [b.Ints(6)], Attr.Tensor("value", Int64(0))), odd], Attr.Int("axis", 0));
        var padded = b.Node("Pad", [x, pads, b.Floats([0.25f], [])]);
        // Resize to twice the padded size: sizes = Concat(Shape[:2], Shape[2:] * 2).
        var paddedShape = b.Node("Shape", [padded]);
        var sizes = b.Node("Concat", [b.Node("Slice", [paddedShape, b.Ints(0), b.Ints(2)]), b.Node("Mul", [b.Node("Slice", [paddedShape, b.Ints(2), b.Ints(4)]), b.Ints(2)])], Attr.Int("axis", 0));
        var resized = b.Node("Resize", [padded, "", "", sizes], Attr.Str("mode", "linear"));
        // Tile by a repeat count that is 1 on every axis but the last: Concat(ConstantOfShape([3], 1), [2]).
        var repeats = b.Node("Concat", [b.Node("ConstantOfShape", [b.Ints(3)], Attr.Tensor("value", Int64(1))), b.Ints(2)], Attr.Int("axis", 0));
        var y = b.Node("Tanh", [b.Node("Tile", [resized, repeats])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [1, 2, 3, 5], y, seed: 3), 1e-3);
    }

    [Fact]
    public void WindowMask_ModEqualNotRangeWhere_StopsGradientOnTheMask()
    {
        // Swin's shifted-window mask: integer Range/Mod/Equal/Not decide where attention is blocked; the mask
        // itself carries no gradient, the attention scores do.
        var b = new NetBuilder(13, seed: 24);
        var x = b.Input("x", -1, 6);
        var width = b.Node("Gather", [b.Node("Shape", [x]), b.Scalar(1)], Attr.Int("axis", 0));
        var positions = b.Node("Range", [b.Scalar(0), width, b.Scalar(1)]);
        var blocked = b.Node("Not", [b.Node("Equal", [b.Node("Mod", [positions, b.Scalar(3)]), b.Scalar(0)])]);
        var scores = b.Node("Where", [blocked, b.Floats([-100f], []), b.Node("Mul", [x, x])]);
        var y = b.Node("Softmax", [scores], Attr.Int("axis", -1));
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [3, 6], y, seed: 4);

        GradientChecker.AssertMatches(result, 5e-3);
        Assert.DoesNotContain(blocked, result.Plan.BackwardInputs);
    }

    [Fact]
    public void Gather_IndicesFromArgMaxAtRunTime_FedWithTheirInt64Type()
    {
        // A data-dependent index cannot be folded: the forward model exposes it and the backward model takes it as
        // an int64 input.
        var b = new NetBuilder(13, seed: 25);
        var x = b.Input("x", 4, 5);
        var index = b.Node("ArgMax", [b.Node("Mul", [x, b.RandomFloats([4, 5])])], Attr.Int("axis", 1), Attr.Int("keepdims", 0));
        var picked = b.Node("Gather", [b.Node("Tanh", [x]), index], Attr.Int("axis", 1));
        var y = b.Node("Mul", [picked, b.Node("Cast", [b.Node("Add", [index, b.Scalar(1)])], Attr.Int("to", 1))]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [4, 5], y, seed: 5);

        GradientChecker.AssertMatches(result, 1e-3);
        var backward = ModelProto.Parser.ParseFrom(result.Plan.BackwardModel);
        var fed = Assert.Single(backward.Graph.Input, i => i.Name == index);
        Assert.Equal(7, fed.Type.TensorType.ElemType);
    }

    [Fact]
    public void Slice_BoundsFromData_SaysTheInputIsComputedFromData()
    {
        var b = new NetBuilder(13, seed: 26);
        var x = b.Input("x", 1, 6);
        var end = b.Node("Unsqueeze", [b.Node("ArgMax", [x], Attr.Int("axis", 1), Attr.Int("keepdims", 0)), b.Ints(0)]);
        var y = b.Node("Slice", [x, b.Ints(0), b.Node("Reshape", [end, b.Ints(1)]), b.Ints(1)]);
        b.Output(y);
        var model = b.Build();
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, Runtime.FloatTensor> { ["x"] = new([0, 0, 0, 9, 0, 0], 1, 6) });

        var error = Assert.Throws<UnsupportedGradientException>(() => GradientBuilder.Build(model, new GradientRequest(["x"], y), shapes));

        Assert.Contains("computed from the data", error.Message, StringComparison.Ordinal);
    }

    private static TensorProto Int64(long value)
    {
        var tensor = new TensorProto { DataType = 7 };
        tensor.Dims.Add(1);
        tensor.Int64Data.Add(value);
        return tensor;
    }
}
