using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class SoftmaxNormalizationGradientTests
{
    [Theory]
    [InlineData("Softmax", 11, 1)]
    [InlineData("Softmax", 11, 2)]
    [InlineData("Softmax", 13, 1)]
    [InlineData("Softmax", 13, -1)]
    [InlineData("LogSoftmax", 9, 1)]
    [InlineData("LogSoftmax", 13, 2)]
    public void Softmax_AxisSemanticsOfTheOpset_MatchesFiniteDifferences(string opType, long opset, long axis)
    {
        var b = new NetBuilder(opset);
        var x = b.Input("x", 2, 3, 4);
        var y = b.Node(opType, [b.Node("Mul", [x, b.Floats([3f], [])])], Attr.Int("axis", axis));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4], y, seed: (int)opset), 1e-3);
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(7, 0)]
    [InlineData(9, 1)]
    [InlineData(15, 1)]
    public void BatchNormalization_InferenceMode_MatchesFiniteDifferences(long opset, long spatial)
    {
        var b = new NetBuilder(opset, seed: 2);
        var x = b.Input("x", 2, 3, 4, 5);
        long[] stat = spatial == 1 ? [3] : [3, 4, 5];
        var variance = b.Node("Abs", [b.RandomFloats(stat)]);
        var inputs = new[] { x, b.RandomFloats(stat, asConstantNode: true), b.RandomFloats(stat), b.RandomFloats(stat), variance };
        var y = opset < 9
            ? b.Node("BatchNormalization", inputs, Attr.Int("spatial", spatial), Attr.Float("epsilon", 0.01f))
            : b.Node("BatchNormalization", inputs, Attr.Float("epsilon", 0.01f));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4, 5], y, seed: 3), 1e-3);
    }

    [Fact]
    public void InstanceNormalization_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(13, seed: 6);
        var x = b.Input("x", 2, 3, 4, 5);
        var y = b.Node("InstanceNormalization", [x, b.RandomFloats([3]), b.RandomFloats([3])], Attr.Float("epsilon", 0.01f));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 4, 5], y, seed: 7), 1e-2);
    }

    [Fact]
    public void LayerNormalization_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(17, seed: 6);
        var x = b.Input("x", 2, 3, 6);
        var y = b.Node("LayerNormalization", [x, b.RandomFloats([3, 6]), b.RandomFloats([3, 6])], Attr.Int("axis", 1), Attr.Float("epsilon", 0.01f));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [2, 3, 6], y, seed: 8), 1e-2);
    }
}
