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

        var result = engine.Run(input, "head", ["x"], scored => ScoreTarget.OneHotSeed(scored.Shape, [1]));

        Assert.Equal(new float[] { 5, 6, 7, 8 }, result.Gradients["x"].Data);
        Assert.Equal(new float[] { 3f, 7f }, result.Values["head"].Data.Select(v => MathF.Round(v, 4)).ToArray());
    }

    [Fact]
    public void Run_ReluNetwork_MatchesHandComputedChainRule()
    {
        // y = sum_k w2_k * relu(w1_k * x) for a single pixel x = 2 with w1 = [1, -1], w2 = [3, 5]:
        // unit 0 is active (relu(2) = 2), unit 1 is dead, so dy/dx = w2_0 * w1_0 = 3 and dy/dh = [3, 5].
        using var temp = new TempDir();
        var path = temp.File("relu.onnx");
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 1, 1, 1);
        var h = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: [1, -1], bias: [0, 0], name: "c1"), name: "h");
        b.Output(b.Flatten(b.Conv(h, outChannels: 1, kernel: 1, weights: [3, 5], bias: [0], name: "c2"), axis: 1));
        b.Save(path);
        using var runner = ModelRunner.Open(path, Cpu);
        using var engine = new GradientEngine(runner, Cpu);

        var output = runner.Output.Name;
        var result = engine.Run(new FloatTensor([2f], 1, 1, 1, 1), output, ["x", "h"], s => ScoreTarget.OneHotSeed(s.Shape, [0]));

        Assert.Equal(3f, result.Gradients["x"].Data[0], 5);
        Assert.Equal(new float[] { 3, 5 }, result.Gradients["h"].Data);
        Assert.Equal(new float[] { 2, 0 }, result.Values["h"].Data);
    }
}
