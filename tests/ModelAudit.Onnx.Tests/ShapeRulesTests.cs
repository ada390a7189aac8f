using ModelAudit.Onnx.Building;

namespace ModelAudit.Onnx.Tests;

public sealed class ShapeRulesTests
{
    private static OnnxDim[] Dims(params long[] dims) => dims.Select(d => d >= 0 ? OnnxDim.Known(d) : OnnxDim.Unknown).ToArray();

    private static string Text(IReadOnlyList<OnnxDim> dims) => new OnnxShape(dims).ToString();

    [Theory]
    [InlineData(new long[] { 2, 1, 3 }, new long[] { 4, 1 }, "[2,4,3]")]
    [InlineData(new long[] { 5 }, new long[] { 1, 1 }, "[1,5]")]
    [InlineData(new long[] { -1, 3 }, new long[] { 1, 3 }, "[?,3]")]
    [InlineData(new long[] { -1, 3 }, new long[] { 4, 3 }, "[4,3]")]
    public void Broadcast_Shapes_NumpyRules(long[] a, long[] b, string expected) =>
        Assert.Equal(expected, Text(ShapeRules.Broadcast(Dims(a), Dims(b))));

    [Fact]
    public void Broadcast_Incompatible_Throws() =>
        Assert.Throws<ArgumentException>(() => ShapeRules.Broadcast(Dims(2, 3), Dims(4, 3)));

    [Theory]
    [InlineData(new long[] { 3, 4 }, new long[] { 4, 6 }, "[3,6]")]
    [InlineData(new long[] { 5, 2, 3, 4 }, new long[] { 4, 6 }, "[5,2,3,6]")]
    [InlineData(new long[] { 4 }, new long[] { 4, 6 }, "[6]")]
    [InlineData(new long[] { 3, 4 }, new long[] { 4 }, "[3]")]
    [InlineData(new long[] { 4 }, new long[] { 4 }, "[]")]
    [InlineData(new long[] { 2, 1, 3, 4 }, new long[] { 7, 4, 5 }, "[2,7,3,5]")]
    public void MatMul_Shapes_NumpyRules(long[] a, long[] b, string expected) =>
        Assert.Equal(expected, Text(ShapeRules.MatMul(Dims(a), Dims(b))));

    [Fact]
    public void MatMul_InnerMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => ShapeRules.MatMul(Dims(3, 4), Dims(5, 6)));

    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 0, -1 }, "[2,12]")]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { -1 }, "[24]")]
    [InlineData(new long[] { -1, 3, 4 }, new long[] { 0, 12 }, "[?,12]")]
    [InlineData(new long[] { -1, 3, 4 }, new long[] { 0, -1 }, "[?,?]")]
    [InlineData(new long[] { 6 }, new long[] { 2, 3 }, "[2,3]")]
    public void Reshape_Targets_OnnxRules(long[] input, long[] target, string expected) =>
        Assert.Equal(expected, Text(ShapeRules.Reshape(Dims(input), target)));

    [Fact]
    public void Reshape_TwoInferred_Throws() =>
        Assert.Throws<ArgumentException>(() => ShapeRules.Reshape(Dims(6), [-1, -1]));

    [Theory]
    [InlineData(1, "[2,60]")]
    [InlineData(0, "[1,120]")]
    [InlineData(3, "[24,5]")]
    [InlineData(-1, "[24,5]")]
    public void Flatten_Axis_SplitsProduct(int axis, string expected) =>
        Assert.Equal(expected, Text(ShapeRules.Flatten(Dims(2, 3, 4, 5), axis)));

    [Theory]
    // (L + 2p - (d(k-1)+1)) / s + 1, floor
    [InlineData(8, 3, 1, 1, 1, 8)]
    [InlineData(8, 2, 2, 0, 1, 4)]
    [InlineData(7, 2, 2, 0, 1, 3)]
    [InlineData(9, 3, 2, 1, 2, 4)]
    [InlineData(224, 7, 2, 3, 1, 112)]
    public void Window_Lengths_MatchFormula(long length, long kernel, long stride, long pad, long dilation, long expected) =>
        Assert.Equal(expected, ShapeRules.Window(OnnxDim.Known(length), kernel, stride, pad, pad, dilation).Value);

    [Fact]
    public void Window_UnknownInput_StaysUnknown() =>
        Assert.Null(ShapeRules.Window(OnnxDim.Symbolic("H"), 3, 1, 1, 1).Value);

    [Fact]
    public void Concat_KnownAxis_Sums() =>
        Assert.Equal("[1,7,4]", Text(ShapeRules.Concat([Dims(1, 3, 4), Dims(1, 4, 4)], 1)));
}
