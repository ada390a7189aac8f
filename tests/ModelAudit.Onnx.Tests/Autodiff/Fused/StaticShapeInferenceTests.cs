using ModelAudit.Onnx.Autodiff.Fused.Shapes;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests.Autodiff.Fused;

public sealed class StaticShapeInferenceTests
{
    /// <summary>The shapes ONNX Runtime produces when the model runs with every value exposed: the truth.</summary>
    private static IReadOnlyDictionary<string, long[]> Probed(OnnxModel model, string input, long[] shape) =>
        GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { [input] = new(new float[shape.Aggregate(1L, (a, b) => a * b)], shape) });

    private static void AssertSameAsProbe(OnnxModel model, string input, long[] shape)
    {
        var inferred = StaticShapeInference.TryInfer(model, new Dictionary<string, long[]> { [input] = shape });

        Assert.NotNull(inferred);
        var probed = Probed(model, input, shape);
        foreach (var (value, expected) in probed)
        {
            Assert.True(inferred.TryGetValue(value, out var actual), $"no shape inferred for '{value}'");
            Assert.True(expected.SequenceEqual(actual), $"'{value}': inferred [{string.Join(",", actual)}], ONNX Runtime [{string.Join(",", expected)}]");
        }
    }

    [Theory]
    [InlineData(1, 224)]
    [InlineData(3, 97)]
    public void TryInfer_ResidualNetwork_EqualsTheShapesOfARun(int batch, int side)
    {
        // Odd sides exercise the floor of strided windows; ceil_mode pools and a reshape through Shape/Gather follow.
        var b = new ModelBuilder(opset: 13, seed: 1);
        var x = b.Input("x", ["N", "3", "H", "W"]);
        var y = b.Relu(b.BatchNormalization(b.Conv(x, 8, kernel: 7, stride: 2, pad: 3, hasBias: false)));
        y = b.MaxPool(y, kernel: 3, stride: 2, pad: 1);
        var z = b.BatchNormalization(b.Conv(b.Relu(b.Conv(y, 16, kernel: 3, stride: 2, pad: 1)), 16, kernel: 3, pad: 1));
        y = b.Relu(b.Add(z, b.Conv(y, 16, kernel: 1, stride: 2)));
        var pooled = b.Node("MaxPool", [y], 1, ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("ceil_mode", 1L))[0];
        var shape = b.Node("Shape", [pooled])[0];
        var first = b.Node("Gather", [shape, b.Int64Initializer("zero", [0], 1)], 1, ("axis", 0L))[0];
        var target = b.Node("Concat", [first, b.Int64Initializer("rest", [-1], 1)], 1, ("axis", 0L))[0];
        var flat = b.Node("Reshape", [pooled, target])[0];
        b.Output(b.Softmax(b.Gemm(b.Flatten(b.GlobalAveragePool(y)), 10), axis: 1));
        b.Output(flat);

        AssertSameAsProbe(b.Build(), "x", [batch, 3, side, side]);
    }

    [Fact]
    public void TryInfer_PaddleClassifier_EqualsTheShapesOfARun() =>
        AssertSameAsProbe(OnnxModel.Load(RepoPaths.PaddleClassifier), "x", [2, 3, 48, 192]);

    [Fact]
    public void TryInfer_PaddleDetector_EqualsTheShapesOfARun() =>
        AssertSameAsProbe(OnnxModel.Load(RepoPaths.PaddleDetector), "x", [1, 3, 96, 128]);

    [Fact]
    public void TryInfer_ShapeFromData_ReturnsNullSoTheCallerProbes()
    {
        // NonZero's output shape depends on the values: no static answer, so none at all (shapes stay complete).
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 4);
        b.Output(b.Node("NonZero", [x])[0]);

        Assert.Null(StaticShapeInference.TryInfer(b.Build(), new Dictionary<string, long[]> { ["x"] = [1, 4] }));
    }
}
