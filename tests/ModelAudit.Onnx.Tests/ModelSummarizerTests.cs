using ModelAudit.Onnx.Proto;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests;

public sealed class ModelSummarizerTests
{
    [Fact]
    public void Summarize_PaddleClassifier_53ConvLayersAndNoConstantLayers()
    {
        var summary = ModelSummarizer.Summarize(OnnxModel.Load(RepoPaths.PaddleClassifier));

        Assert.Equal(53, summary.Layers.Count(l => l.OpType == "Conv"));
        Assert.DoesNotContain(summary.Layers, l => l.OpType == "Constant");
        Assert.All(summary.Layers.Where(l => l.OpType == "Conv"), l => Assert.True(l.Parameters > 0, l.Name));
        Assert.Equal("x", Assert.Single(summary.Inputs).Name);
    }

    [Fact]
    public void Summarize_PaddleClassifier_TotalEqualsFloatConstantsCountedFromRawProto()
    {
        var bytes = File.ReadAllBytes(RepoPaths.PaddleClassifier);
        var proto = ModelProto.Parser.ParseFrom(bytes);

        // Independent walk: every float tensor held by a Constant node and read by some other node, each once.
        var floatConstants = new Dictionary<string, long>();
        foreach (var node in proto.Graph.Node.Where(n => n.OpType == "Constant"))
        {
            var value = node.Attribute.Single(a => a.Name == "value").T;
            if (value.DataType == (int)TensorProto.Types.DataType.Float)
            {
                floatConstants[node.Output[0]] = value.Dims.Aggregate(1L, (a, d) => a * d);
            }
        }

        var read = proto.Graph.Node.Where(n => n.OpType != "Constant").SelectMany(n => n.Input).ToHashSet();
        var expected = floatConstants.Where(c => read.Contains(c.Key)).Sum(c => c.Value);
        var convParameters = proto.Graph.Node.Where(n => n.OpType == "Conv")
            .Sum(n => n.Input.Skip(1).Sum(input => floatConstants[input]));

        var summary = ModelSummarizer.Summarize(OnnxModel.Parse(bytes, "cls.onnx"));

        Assert.Equal(expected, summary.TotalParameters);
        Assert.True(summary.TotalParameters > convParameters, "BatchNormalization and MatMul parameters are counted too");
        Assert.Equal(convParameters, summary.Layers.Where(l => l.OpType == "Conv").Sum(l => l.Parameters));
    }

    [Fact]
    public void Summarize_SmallNet_HandComputedCountsAndShapes()
    {
        var summary = ModelSummarizer.Summarize(TestModels.SmallConvNet().Build());

        Assert.Equal(["conv1", "relu1", "pool1", "flat", "fc", "prob"], summary.Layers.Select(l => l.Name));
        // conv1: 4 filters of 3x3x3 + 4 biases; fc: 64 inputs x 5 outputs + 5 biases.
        Assert.Equal([112L, 0, 0, 0, 325, 0], summary.Layers.Select(l => l.Parameters));
        Assert.Equal(437, summary.TotalParameters);
        Assert.Equal([1L, 4, 4, 4], summary.Layers[2].Outputs[0].Shape!);
        Assert.Equal("prob", Assert.Single(summary.Outputs).Name);
    }

    [Fact]
    public void Summarize_ObservedShapes_OverrideDeclared()
    {
        var observed = new Dictionary<string, long[]> { ["relu1"] = [2, 4, 8, 8] };

        var summary = ModelSummarizer.Summarize(TestModels.SmallConvNet().Build(), observed);

        Assert.Equal([2L, 4, 8, 8], summary.Layers[1].Outputs[0].Shape!);
        Assert.Equal([1L, 4, 8, 8], summary.Layers[0].Outputs[0].Shape!);
    }

    [Fact]
    public void Summarize_SharedWeight_CountedOnceInTotal()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", 1, 4);
        var w = b.Initializer("w", new float[16], 4, 4);
        var shape = b.Int64Initializer("shape", [1, 4], 2);
        var h = b.MatMul(b.MatMul(x, w), w);
        b.Output(b.Node("Reshape", [h, shape], 1)[0]);

        var summary = ModelSummarizer.Summarize(b.Build());

        Assert.Equal([16L, 16, 0], summary.Layers.Select(l => l.Parameters));
        Assert.Equal(16, summary.TotalParameters);
        Assert.Null(summary.Layers[2].Outputs[0].Shape);
    }
}
