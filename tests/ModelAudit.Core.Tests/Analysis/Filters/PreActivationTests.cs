using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class PreActivationTests : IDisposable
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// x -> 1x1 conv "pre" (weights 1,1,1, bias -1.8) -> relu "act" -> maxpool 2x2 "pool" -> gap -> "out".
    /// On grey noise (128..148 of 255 per channel) "pre" is 3 * 0.50..0.58 - 1.8 &lt; 0 everywhere, so "act" is 0
    /// and its gradient is 0: climbing "act" itself could never leave the start.
    /// </summary>
    private string DeadOnGrey()
    {
        var path = temp.File("dead.onnx");
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", ["N", "3", "8", "8"]);
        var pre = b.Conv(x, outChannels: 1, kernel: 1, weights: [1, 1, 1], bias: [-1.8f], name: "pre");
        var pooled = b.MaxPool(b.Relu(pre, name: "act"), kernel: 2, stride: 2, name: "pool");
        b.Output(b.GlobalAveragePool(pooled, name: "out"));
        b.Save(path);
        return path;
    }

    [Theory]
    [InlineData("act")]
    [InlineData("pool")]
    public void Layer_ReluOrPoolingOfReluDeadOnGrey_ObjectiveRisesFromZero(string layer)
    {
        using var model = PreparedModel.Open(DeadOnGrey(), PreprocessOverrides.None, Cpu);
        using var visualizer = new FilterVisualizer(model, Cpu);

        var pattern = visualizer.Layer(layer, [0], new FilterAscentOptions(Size: 8, Steps: 40))[0];

        Assert.Equal("pre", visualizer.ClimbedValue(layer));
        Assert.Equal(0f, pattern.FirstObjective);
        // Each step adds sqrt(192/108) = 1.33 levels to the 108 cropped inputs, 3 * 1.33 / 255 = 0.0157 to "pre":
        // about -0.18 + 40 * 0.0157 = 0.45 at the end, and the objective is measured on the chosen layer.
        Assert.True(pattern.LastObjective > 0.2f, $"{layer}: {pattern.FirstObjective} -> {pattern.LastObjective}");
        using var session = InferenceSession.Open(model.Runner.Model.WithOutputs(["act"]).ToBytes(), "act", Cpu);
        var act = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new(pattern.Tensor, 1, 3, 8, 8) }, ["act"])[0].Data;
        Assert.True(act.Max() > 0f, "the ReLU is on for the final image");
    }

    [Fact]
    public void For_GraphShapes_PicksTheReluInputOnlyForReluAndPooledRelu()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", ["N", "3", "8", "8"]);
        var conv = b.Conv(x, outChannels: 2, kernel: 1, name: "conv");
        var relu = b.Relu(conv, name: "relu");
        var pooledRelu = b.GlobalAveragePool(relu, name: "gap");
        var pooledConv = b.MaxPool(conv, kernel: 2, stride: 2, name: "pooled_conv");
        var sigmoid = b.Sigmoid(conv, name: "sig");
        b.Output(pooledRelu);
        b.Output(pooledConv);
        b.Output(sigmoid);
        var graph = OnnxModel.Parse(b.ToBytes(), "g").Graph;

        Assert.Equal("conv", PreActivation.For(graph, "relu"));
        Assert.Equal("conv", PreActivation.For(graph, "gap"));
        Assert.Equal("pooled_conv", PreActivation.For(graph, "pooled_conv"));
        Assert.Equal("sig", PreActivation.For(graph, "sig"));
        Assert.Equal("conv", PreActivation.For(graph, "conv"));
        Assert.Equal("x", PreActivation.For(graph, "x"));
    }
}
