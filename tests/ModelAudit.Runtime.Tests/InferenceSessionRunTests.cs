using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests;

public class InferenceSessionRunTests
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    [Fact]
    public void Run_AddOfTwoInputs_ReturnsElementwiseSum()
    {
        var bytes = new TinyModel().Input("a", 2, 3).Input("b", 2, 3).Output("y", 2, 3)
            .Node("Add", ["a", "b"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "add.onnx", Cpu);

        var result = session.Run(
            new Dictionary<string, FloatTensor>
            {
                ["a"] = new([1, 2, 3, 4, 5, 6], 2, 3),
                ["b"] = new([10, 20, 30, 40, 50, 60], 2, 3),
            },
            ["y"]);

        var y = Assert.Single(result);
        Assert.Equal(new long[] { 2, 3 }, y.Shape);
        Assert.Equal(new float[] { 11, 22, 33, 44, 55, 66 }, y.Data);
    }

    [Fact]
    public void Run_WithoutSpinning_GivesTheSameResult()
    {
        // AllowSpinning=false goes through AddSessionConfigEntry: an unknown key or value would fail the open.
        var bytes = new TinyModel().Input("x", 5).Output("y", 5).Node("Relu", ["x"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "relu.onnx", Cpu with { AllowSpinning = false, IntraOpThreads = 2 });

        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-2, -0.5f, 0, 0.5f, 3], 5) }, ["y"])[0];

        Assert.Equal(new float[] { 0, 0, 0, 0.5f, 3 }, y.Data);
    }

    [Fact]
    public void Run_Relu_ZeroesNegatives()
    {
        var bytes = new TinyModel().Input("x", 5).Output("y", 5).Node("Relu", ["x"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "relu.onnx", Cpu);

        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-2, -0.5f, 0, 0.5f, 3], 5) }, ["y"])[0];

        Assert.Equal(new float[] { 0, 0, 0, 0.5f, 3 }, y.Data);
    }

    [Fact]
    public void Run_MatMulWithInitializer_ReturnsHandComputedProduct()
    {
        // [1 2] x [[1 2 3] [4 5 6]] = [1+8, 2+10, 3+12] = [9 12 15]
        var bytes = new TinyModel().Input("x", 1, 2).Output("y", 1, 3)
            .Initializer("w", [1, 2, 3, 4, 5, 6], 2, 3)
            .Node("MatMul", ["x", "w"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "matmul.onnx", Cpu);

        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([1, 2], 1, 2) }, ["y"])[0];

        Assert.Equal(new long[] { 1, 3 }, y.Shape);
        Assert.Equal(new float[] { 9, 12, 15 }, y.Data);
        Assert.Equal("x", Assert.Single(session.Inputs).Name);
    }

    [Fact]
    public void Run_SymbolicBatchWithBatch3_ReturnsBatch3()
    {
        var bytes = new TinyModel().Input("x", "N", 2).Output("y", "N", 2).Node("Relu", ["x"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "batch.onnx", Cpu);

        var input = session.Inputs[0];
        Assert.Equal(new long[] { -1, 2 }, input.Shape);
        Assert.Equal(new[] { "N", null }, input.SymbolicDimensions);
        Assert.Equal("[N,2]", input.ShapeText);

        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([1, -1, -2, 2, 3, -3], 3, 2) }, ["y"])[0];

        Assert.Equal(new long[] { 3, 2 }, y.Shape);
        Assert.Equal(new float[] { 1, 0, 0, 2, 3, 0 }, y.Data);
    }

    [Fact]
    public void Open_FreeDimensionOverride_FixesTheDimension()
    {
        var bytes = new TinyModel().Input("x", "N", 2).Output("y", "N", 2).Node("Relu", ["x"], ["y"]).Build();
        var settings = Cpu with { FreeDimensionOverrides = new Dictionary<string, long> { ["N"] = 2 } };
        using var session = InferenceSession.Open(bytes, "override.onnx", settings);

        Assert.Equal(new long[] { 2, 2 }, session.Inputs[0].Shape);
        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-1, 1, 2, -2], 2, 2) }, ["y"])[0];
        Assert.Equal(new float[] { 0, 1, 2, 0 }, y.Data);

        var error = Assert.Throws<OrtException>(() =>
            session.Run(new Dictionary<string, FloatTensor> { ["x"] = new(new float[6], 3, 2) }, ["y"]));
        Assert.Contains("[2,2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptyOutputList_ReturnsEveryOutputInModelOrder()
    {
        var bytes = new TinyModel().Input("x", 2).Output("r", 2).Output("n", 2)
            .Node("Relu", ["x"], ["r"]).Node("Neg", ["x"], ["n"]).Build();
        using var session = InferenceSession.Open(bytes, "two.onnx", Cpu);

        var outputs = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-1, 2], 2) }, []);

        Assert.Equal(2, outputs.Count);
        Assert.Equal(new float[] { 0, 2 }, outputs[0].Data);
        Assert.Equal(new float[] { 1, -2 }, outputs[1].Data);
    }

    [Fact]
    public void Run_Int64InputAndOutput_ConvertsThroughFloat()
    {
        // x (int64) -> Cast to float -> y; x -> Identity -> z (int64 output read back as float).
        var bytes = new TinyModel().TypedInput("x", TinyModel.Int64, 3).Output("y", 3).TypedOutput("z", TinyModel.Int64, 3)
            .Node("Cast", ["x"], ["y"], TinyModel.IntAttribute("to", TinyModel.Float))
            .Node("Identity", ["x"], ["z"]).Build();
        using var session = InferenceSession.Open(bytes, "cast.onnx", Cpu);

        Assert.Equal(TensorElementType.Int64, session.Inputs[0].ElementType);
        var outputs = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([1.2f, 2.7f, -3f], 3) }, ["y", "z"]);

        Assert.Equal(new float[] { 1, 3, -3 }, outputs[0].Data);
        Assert.Equal(new float[] { 1, 3, -3 }, outputs[1].Data);
    }

    [Fact]
    public void Run_DoubleInput_ConvertsOnTheWayIn()
    {
        var bytes = new TinyModel().TypedInput("x", TinyModel.Double, 2).TypedOutput("y", TinyModel.Double, 2)
            .Node("Neg", ["x"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "double.onnx", Cpu);

        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([0.5f, -4f], 2) }, ["y"])[0];

        Assert.Equal(new float[] { -0.5f, 4f }, y.Data);
    }

    [Fact]
    public void Open_OptimizationOffAndOneThread_StillComputes()
    {
        var bytes = new TinyModel().Input("a", 2).Input("b", 2).Output("y", 2).Node("Mul", ["a", "b"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "mul.onnx", Cpu with { OptimizeGraph = false, IntraOpThreads = 1 });

        var y = session.Run(
            new Dictionary<string, FloatTensor> { ["a"] = new([3, -2], 2), ["b"] = new([4, 5], 2) }, ["y"])[0];

        Assert.Equal(new float[] { 12, -10 }, y.Data);
    }

    [Fact]
    public void Open_FromFile_LoadsSameAsBytes()
    {
        using var dir = new TestSupport.TempDir();
        var path = dir.File("relu.onnx");
        File.WriteAllBytes(path, new TinyModel().Input("x", 2).Output("y", 2).Node("Relu", ["x"], ["y"]).Build());
        using var session = InferenceSession.Open(path, Cpu);

        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-1, 1], 2) }, ["y"])[0];

        Assert.Equal(new float[] { 0, 1 }, y.Data);
    }

    [Fact]
    public void Run_ConcurrentCallsOnOneSession_EachGetsItsOwnResult()
    {
        var bytes = new TinyModel().Input("x", 1000).Output("y", 1000).Node("Neg", ["x"], ["y"]).Build();
        using var session = InferenceSession.Open(bytes, "neg.onnx", Cpu);

        Parallel.For(0, 64, i =>
        {
            var data = Enumerable.Range(0, 1000).Select(k => (float)(i * 1000 + k)).ToArray();
            var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new(data, 1000) }, ["y"])[0];
            Assert.Equal(data.Select(v => -v), y.Data);
        });
    }
}
