using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class LinearAlgebraGradientTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void Gemm_Transposes_MatchesFiniteDifferences(int transA, int transB)
    {
        var b = new NetBuilder(11, seed: 3);
        var x = b.Input("x", transA == 1 ? [5, 3] : [3, 5]);
        var w = b.RandomFloats(transB == 1 ? [4, 5] : [5, 4]);
        var y = b.Node(
            "Gemm",
            [x, w, b.RandomFloats([4])],
            Attr.Int("transA", transA),
            Attr.Int("transB", transB),
            Attr.Float("alpha", 0.7f),
            Attr.Float("beta", 1.3f));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", transA == 1 ? [5, 3] : [3, 5], y, seed: 1), 1e-3);
    }

    [Fact]
    public void Gemm_BothOperandsFromTheInput_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 4, 4);
        var y = b.Node("Gemm", [x, b.Node("Tanh", [x]), x], Attr.Int("transB", 1));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [4, 4], y, seed: 2), 1e-3);
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 4, 5 })]
    [InlineData(new long[] { 4 }, new long[] { 2, 4, 5 })]
    [InlineData(new long[] { 2, 1, 3, 4 }, new long[] { 4 })]
    [InlineData(new long[] { 3, 4 }, new long[] { 2, 4, 3 })]
    public void MatMul_BroadcastAndVectors_MatchesFiniteDifferences(long[] aShape, long[] bShape)
    {
        // Both operands depend on x: A = x, B = a constant-scaled slice of random weights plus x's mean.
        var b = new NetBuilder(13, seed: 4);
        var x = b.Input("x", aShape);
        var mean = b.Node("ReduceMean", [x], Attr.Int("keepdims", 0));
        var other = b.Node("Add", [b.RandomFloats(bShape), mean]);
        var y = b.Node("MatMul", [x, other]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", aShape, y, seed: 5), 1e-3);
    }
}
