using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ReduceNormGradientTests
{
    public static TheoryData<string, long, int> Cases()
    {
        var data = new TheoryData<string, long, int>();
        var seed = 0;
        foreach (var op in new[] { "ReduceL1", "ReduceL2", "ReduceSumSquare", "ReduceLogSumExp", "ReduceProd" })
        {
            data.Add(op, 13, ++seed);
            data.Add(op, 18, ++seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reduce_RandomAxesAndKeepdims_MatchesFiniteDifferences(string opType, long opset, int seed)
    {
        var b = new NetBuilder(opset, seed);
        var shape = OperandSlices.RandomShape(b.Random, 3, 4);
        var axes = Enumerable.Range(0, 3).Where(_ => b.Random.Next(2) == 0).Select(a => (long)(a - 3)).ToArray();
        var keep = Attr.Int("keepdims", b.Random.Next(2));
        var x = b.Input("x", shape);
        // Kept away from zero, where |x| has no derivative and ReduceProd divides by x.
        var shifted = b.Node("Add", [b.Node("Abs", [x]), b.Floats([0.5f], [1])]);
        var signed = b.Node("Mul", [shifted, b.RandomFloats(shape)]);
        var input = opType == "ReduceProd" ? shifted : signed;
        var y = opset >= 18
            ? b.Node(opType, axes.Length == 0 ? [input] : [input, b.Ints(axes)], keep)
            : b.Node(opType, [input], axes.Length == 0 ? [keep] : [keep, Attr.Ints("axes", axes)]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed, epsilon: 1e-4), 1e-2);
    }
}
