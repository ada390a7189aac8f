using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ScatterGatherGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GatherElements_RandomAxisWithRepeatsAndNegatives_MatchesFiniteDifferences(int seed)
    {
        var b = new NetBuilder(13, seed);
        var shape = OperandSlices.RandomShape(b.Random, 3, 5);
        var axis = b.Random.Next(-3, 3);
        var positive = axis < 0 ? axis + 3 : axis;
        var indexShape = shape.Select((d, i) => i == positive ? d + 2 : d).ToArray();
        var indices = RandomIndices(b.Random, indexShape, shape[positive], allowNegative: true);
        var x = b.Input("x", shape);
        var y = b.Node("GatherElements", [x, b.Ints(indices, indexShape)], Attr.Int("axis", axis));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public void GatherND_BatchDims_MatchesFiniteDifferences(int batchDims, int seed)
    {
        var b = new NetBuilder(13, seed);
        long[] shape = [.. OperandSlices.RandomShape(b.Random, batchDims, 3), .. OperandSlices.RandomShape(b.Random, 3, 4)];
        var depth = b.Random.Next(1, 3);
        long[] indexShape = [.. shape[..batchDims], 2, 3, depth];
        var rows = RuleCount(indexShape[..^1]);
        var indices = new long[rows * depth];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < depth; k++)
            {
                var dim = shape[batchDims + k];
                indices[(r * depth) + k] = b.Random.Next((int)-dim, (int)dim);
            }
        }

        var x = b.Input("x", shape);
        var y = b.Node("GatherND", [x, b.Ints(indices, indexShape)], Attr.Int("batch_dims", batchDims));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }

    [Theory]
    [InlineData("none", 16, 1)]
    [InlineData("add", 16, 2)]
    [InlineData("none", 13, 3)]
    public void ScatterND_DataAndUpdates_MatchFiniteDifferences(string reduction, long opset, int seed)
    {
        var b = new NetBuilder(opset, seed);
        long[] data = [4, 3, 2];
        // Distinct rows for "none" (duplicates are undefined there), a repeated one for "add".
        long[] indices = reduction == "add" ? [1, 0, 3, -3] : [1, 0, 3, 2];
        long[] updates = [2, 2];
        var x = b.Input("x", OperandSlices.Total([data, updates]));
        var parts = OperandSlices.Cut(b, x, [data, updates]);
        var attributes = opset >= 16 ? new[] { Attr.Str("reduction", reduction) } : [];
        var scattered = b.Node("ScatterND", [parts[0], b.Ints(indices, [2, 2]), parts[1]], attributes);
        var y = b.Node("Mul", [scattered, b.Node("Tanh", [scattered])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [OperandSlices.Total([data, updates])], y, seed), 1e-3);
    }

    [Theory]
    [InlineData("ScatterElements", "none", 16, 1)]
    [InlineData("ScatterElements", "add", 16, 2)]
    [InlineData("ScatterElements", "none", 13, 3)]
    [InlineData("Scatter", "none", 10, 4)]
    public void ScatterElements_DataAndUpdates_MatchFiniteDifferences(string opType, string reduction, long opset, int seed)
    {
        var b = new NetBuilder(opset, seed);
        long[] data = [3, 5];
        long[] updates = [3, 2];
        // Axis 1: each row writes two distinct columns (one negative); "add" writes the same column twice.
        long[] indices = reduction == "add" ? [4, 4, 0, 1, 2, -1] : [4, 0, 1, -2, 2, 3];
        var x = b.Input("x", OperandSlices.Total([data, updates]));
        var parts = OperandSlices.Cut(b, x, [data, updates]);
        var attributes = new List<Proto.AttributeProto> { Attr.Int("axis", 1) };
        if (opset >= 16)
        {
            attributes.Add(Attr.Str("reduction", reduction));
        }

        var scattered = b.Node(opType, [parts[0], b.Ints(indices, updates), parts[1]], [.. attributes]);
        var y = b.Node("Mul", [scattered, b.Node("Sigmoid", [scattered])]);
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [OperandSlices.Total([data, updates])], y, seed), 1e-3);
    }

    [Fact]
    public void ScatterND_MultiplyReduction_IsAClearError()
    {
        var b = new NetBuilder(16);
        var x = b.Input("x", 4);
        var y = b.Node("ScatterND", [x, b.Ints([1], [1, 1]), b.Floats([2f], [1])], Attr.Str("reduction", "mul"));
        b.Output(y);
        var shapes = new Dictionary<string, long[]> { ["x"] = [4], [y] = [4] };

        var error = Assert.Throws<UnsupportedGradientException>(() => GradientBuilder.Build(b.Build(), new GradientRequest(["x"], y), shapes));

        Assert.Contains("reduction 'mul'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ScatterND_", error.Message, StringComparison.Ordinal);
    }

    private static long RuleCount(long[] shape) => shape.Aggregate(1L, (a, c) => a * c);

    private static long[] RandomIndices(Random random, long[] shape, long dim, bool allowNegative) =>
        [.. Enumerable.Range(0, (int)RuleCount(shape)).Select(_ => (long)random.Next(allowNegative ? (int)-dim : 0, (int)dim))];
}
