using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Proto;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Autodiff.Folding;

public class ShapeFolderTests
{
    [Theory]
    [InlineData(2, 6, 10)]
    [InlineData(3, 8, 7)]
    public void Fold_IntegerSubgraphOfEveryOperator_EqualsOnnxRuntime(long n, long c, long w)
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", -1, -1, -1);
        var shape = b.Node("Shape", [x]);
        var channels = b.Node("Gather", [shape, b.Scalar(1)], Attr.Int("axis", 0));
        var half = b.Node("Div", [channels, b.Scalar(2)]);
        var starts = b.Node("Unsqueeze", [b.Node("Mul", [half, b.Scalar(1)]), b.Ints(0)]);
        var sliced = b.Node("Slice", [shape, b.Ints(1), b.Ints(long.MaxValue), b.Ints(0), b.Ints(1)]);
        var product = b.Node("ReduceProd", [sliced], Attr.Int("keepdims", 0));
        var size = b.Node("Size", [x]);
        var modulo = b.Node("Mod", [b.Node("Sub", [size, b.Scalar(3)]), b.Scalar(-4)]);
        var range = b.Node("Range", [b.Scalar(0), channels, b.Scalar(2)]);
        var mask = b.Node("Not", [b.Node("And", [b.Node("Less", [range, half]), b.Node("Greater", [range, b.Scalar(0)])])]);
        var either = b.Node("Or", [mask, b.Node("Equal", [range, b.Scalar(4)])]);
        var chosen = b.Node("Where", [either, range, b.Node("Neg", [range])]);
        var asFloat = b.Node("Cast", [chosen], Attr.Int("to", 1));
        var rounded = b.Node("Add", [
            b.Node("Floor", [b.Node("Div", [asFloat, b.Floats([3f], [])])]),
            b.Node("Add", [b.Node("Ceil", [b.Node("Sqrt", [b.Node("Abs", [asFloat])])]), b.Node("Round", [b.Node("Div", [asFloat, b.Floats([4f], [])])])]),
        ]);
        var filled = b.Node("ConstantOfShape", [b.Node("Concat", [starts, b.Ints(3)], Attr.Int("axis", 0))], Attr.Tensor("value", IntTensor(5)));
        var reshaped = b.Node("Reshape", [filled, b.Ints(-1, 1)]);
        var expanded = b.Node("Expand", [reshaped, b.Node("Concat", [b.Ints(1), starts], Attr.Int("axis", 0))]);
        var transposed = b.Node("Transpose", [b.Node("Tile", [expanded, b.Ints(1, 2)])], Attr.Ints("perm", [1, 0]));
        var parts = b.NodeN("Split", [transposed, b.Ints(1, c - 1)], 2, Attr.Int("axis", 0));
        var squeezed = b.Node("Squeeze", [parts[0], b.Ints(0)]);
        var extremes = b.Node("Concat", [
            b.Node("Min", [sliced, b.Ints(7), b.Node("Unsqueeze", [product, b.Ints(0)])]),
            b.Node("Max", [sliced, b.Ints(7)]),
            b.Node("ReduceSum", [squeezed, b.Ints(0)]),
            b.Node("Unsqueeze", [b.Node("Pow", [modulo, b.Scalar(2)]), b.Ints(0)]),
        ], Attr.Int("axis", 0));
        string[] values = [shape, channels, half, starts, sliced, product, size, modulo, range, mask, either, chosen, rounded, filled,
            expanded, transposed, parts[1], squeezed, extremes];
        foreach (var value in values)
        {
            b.Output(value);
        }

        var model = b.Build();
        var input = new FloatTensor(new float[n * c * w], n, c, w);
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { ["x"] = input });
        var graph = new ForwardGraph(model.Proto, model.SourceName, shapes);
        using var session = InferenceSession.Open(model.ToBytes(), model.SourceName);
        var expected = session.Run(new Dictionary<string, FloatTensor> { ["x"] = input }, values);

        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(graph.IsFolded(values[i]), $"'{values[i]}' was not folded");
            Assert.True(graph.TryGetConstant(values[i], out var tensor));
            Assert.Equal(expected[i].Shape, TensorValues.Shape(tensor));
            Assert.Equal(expected[i].Data.Select(v => (double)v), TensorValues.ToDoubles(tensor));
        }
    }

    [Fact]
    public void Fold_DataDependentValue_IsNotFolded()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 5);
        var index = b.Node("ArgMax", [x], Attr.Int("axis", 1), Attr.Int("keepdims", 0));
        var shifted = b.Node("Add", [index, b.Scalar(1)]);
        var count = b.Node("Shape", [shifted]);
        b.Output(count);
        var model = b.Build();
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { ["x"] = new(new float[10], 2, 5) });

        var graph = new ForwardGraph(model.Proto, model.SourceName, shapes);

        Assert.False(graph.IsFolded(index));
        Assert.False(graph.IsFolded(shifted));
        Assert.True(graph.IsFolded(count));
        Assert.Equal(ElementKinds.Int64, graph.ElementType(shifted));
    }

    [Fact]
    public void Fold_TensorLargerThanTheLimit_IsLeftToTheForwardRun()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 2);
        var big = b.Node("ConstantOfShape", [b.Ints(ShapeFolder.MaxElements + 1)]);
        var y = b.Node("Add", [b.Node("ReduceSum", [big], Attr.Int("keepdims", 1)), x]);
        b.Output(y);
        var model = b.Build();
        var shapes = GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { ["x"] = new(new float[2], 1, 2) });

        var graph = new ForwardGraph(model.Proto, model.SourceName, shapes);

        Assert.False(graph.IsFolded(big));
    }

    private static TensorProto IntTensor(long value)
    {
        var tensor = new TensorProto { DataType = 7 };
        tensor.Dims.Add(1);
        tensor.Int64Data.Add(value);
        return tensor;
    }
}
