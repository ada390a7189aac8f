using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Gradients;

public sealed class GradientEngineTests
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    [Fact]
    public void Run_LinearHead_InputGradientIsTheClassWeightRow()
    {
        // y = x W^T with W = [[1,2,3,4],[5,6,7,8]] over a flattened 1x1x2x2 image; d y1 / d x = W[1].
        using var temp = new TempDir();
        var path = temp.File("linear.onnx");
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 1, 2, 2);
        b.Output(b.Gemm(b.Flatten(x, axis: 1), 2, weights: [1, 2, 3, 4, 5, 6, 7, 8], bias: [0, 0], name: "head"));
        b.Save(path);
        using var runner = ModelRunner.Open(path, Cpu);
        using var engine = new GradientEngine(runner, Cpu);
        var input = new FloatTensor([0.1f, 0.2f, 0.3f, 0.4f], 1, 1, 2, 2);

        var result = engine.Run(input, "head", ["x"], GradientSeed.Classes([1]));

        Assert.Equal(new float[] { 5, 6, 7, 8 }, result.Gradients["x"].Data);
        Assert.Equal(new float[] { 3f, 7f }, result.Values["head"].Data.Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Theory]
    [InlineData(13)]
    [InlineData(11)]
    public void Run_ReluNetwork_MatchesHandComputedChainRule(long opset)
    {
        // y = sum_k w2_k * relu(w1_k * x) for a single pixel x = 2 with w1 = [1, -1], w2 = [3, 5]:
        // unit 0 is active (relu(2) = 2), unit 1 is dead, so dy/dx = w2_0 * w1_0 = 3 and dy/dh = [3, 5].
        using var temp = new TempDir();
        var path = temp.File("relu.onnx");
        var b = new ModelBuilder(opset);
        var x = b.Input("x", 1, 1, 1, 1);
        var h = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: [1, -1], bias: [0, 0], name: "c1"), name: "h");
        b.Output(b.Flatten(b.Conv(h, outChannels: 1, kernel: 1, weights: [3, 5], bias: [0], name: "c2"), axis: 1));
        b.Save(path);
        using var runner = ModelRunner.Open(path, Cpu);
        using var engine = new GradientEngine(runner, Cpu);
        Assert.Equal(opset >= 13, engine.Fuses);

        var output = runner.Output.Name;
        var result = engine.Run(new FloatTensor([2f], 1, 1, 1, 1), output, ["x", "h"], GradientSeed.TopClass);

        Assert.Equal(3f, result.Gradients["x"].Data[0], 5);
        Assert.Equal(new float[] { 3, 5 }, result.Gradients["h"].Data);
        Assert.Equal(new float[] { 2, 0 }, result.Values["h"].Data);
    }

    [Fact]
    public void Run_TopClassSeedOnABatch_FusedModelAndTwoModelPathAgree()
    {
        // The same network at opset 13 (fused: top class chosen inside the graph) and opset 12 (two models: top class
        // chosen in managed code from the forward run): every row's class and gradients must agree.
        var random = new Random(7);
        // Each row and channel gets its own offset, so the rows' top classes differ.
        var input = new FloatTensor(Enumerable.Range(0, 4 * 2 * 6 * 6).Select(i => (float)random.NextDouble() - 0.5f + (3 * MathF.Sin(i / 36))).ToArray(), 4, 2, 6, 6);
        using var temp = new TempDir();
        var results = new List<GradientResult>();
        foreach (var opset in new long[] { 13, 12 })
        {
            var path = temp.File($"net{opset}.onnx");
            var b = new ModelBuilder(opset, seed: 3);
            var x = b.Input("x", ["N", "2", "6", "6"]);
            var h = b.Relu(b.Conv(x, 4, kernel: 3, pad: 1, name: "c1"), name: "h");
            b.Output(b.Softmax(b.Gemm(b.Flatten(b.GlobalAveragePool(h)), 5, name: "logits"), axis: 1));
            b.Save(path);
            using var runner = ModelRunner.Open(path, Cpu);
            using var engine = new GradientEngine(runner, Cpu);
            Assert.Equal(opset == 13, engine.Fuses);
            results.Add(engine.Run(input, "logits", ["h", "x"], GradientSeed.TopClass));
        }

        Assert.Equal(results[1].Values["logits"].Data, results[0].Values["logits"].Data, new FloatTolerance(1e-5f));
        Assert.Equal(results[1].Values["h"].Data, results[0].Values["h"].Data, new FloatTolerance(1e-5f));
        Assert.Equal(results[1].Gradients["h"].Data, results[0].Gradients["h"].Data, new FloatTolerance(1e-5f));
        Assert.Equal(results[1].Gradients["x"].Data, results[0].Gradients["x"].Data, new FloatTolerance(1e-5f));
        var rows = ScoreTarget.Rows(results[0].Values["logits"].Data, [4, 5]);
        Assert.True(rows.Select(r => Array.IndexOf(r, r.Max())).Distinct().Count() > 1, "the batch should pick more than one class");
    }

    [Fact]
    public void Run_WeightsSeed_IsTheDotProductsGradient()
    {
        // Score = <seed, y> with y = x W^T: d score / d x = seed W, here 2 * W[0] - W[1].
        using var temp = new TempDir();
        var path = temp.File("linear.onnx");
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 1, 2, 2);
        b.Output(b.Gemm(b.Flatten(x, axis: 1), 2, weights: [1, 2, 3, 4, 5, 6, 7, 8], bias: [0, 0], name: "head"));
        b.Save(path);
        using var runner = ModelRunner.Open(path, Cpu);
        using var engine = new GradientEngine(runner, Cpu);

        var result = engine.Run(new FloatTensor(new float[4], 1, 1, 2, 2), "head", ["x"], GradientSeed.Weights(shape => [2f, -1f]));

        Assert.Equal(new float[] { -3, -2, -1, 0 }, result.Gradients["x"].Data);
    }

    [Fact]
    public void Run_ClassOutsideTheModel_ThrowsNamingTheRange()
    {
        using var temp = new TempDir();
        var path = temp.File("linear.onnx");
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 1, 2, 2);
        b.Output(b.Gemm(b.Flatten(x, axis: 1), 2, name: "head"));
        b.Save(path);
        using var runner = ModelRunner.Open(path, Cpu);
        using var engine = new GradientEngine(runner, Cpu);

        var error = Assert.Throws<ModelAuditException>(() => engine.Run(new FloatTensor(new float[4], 1, 1, 2, 2), "head", ["x"], GradientSeed.Classes([2])));

        Assert.Equal("class 2 does not exist: the model scores 2 classes (0..1)", error.Message);
    }
}
