using System.Security.Cryptography;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests;

public sealed class OnnxModelTests
{
    [Fact]
    public void Load_PaddleClassifier_ReadsInputOpsetAndConvNodes()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);

        Assert.Equal(9, model.OpsetOf());
        Assert.Equal(9, model.Opsets[""]);
        var input = Assert.Single(model.Graph.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(OnnxDataType.Float, input.ElementType);
        // Declared in the file (protoc --decode) as [p2o.DynamicDimension.0, 3, p2o.DynamicDimension.1, p2o.DynamicDimension.2].
        Assert.Equal([-1, 3, -1, -1], input.Shape!.ToArray());
        Assert.Equal("p2o.DynamicDimension.0", input.Shape.Dims[0].Param);
        Assert.Equal("[p2o.DynamicDimension.0,3,p2o.DynamicDimension.1,p2o.DynamicDimension.2]", input.Shape.ToString());
        Assert.False(input.Shape.IsFullyKnown);
        Assert.Equal(53, model.Graph.Nodes.Count(n => n.OpType == "Conv"));
        Assert.All(model.Graph.Nodes, n => Assert.Equal(9, n.Opset));
    }

    [Fact]
    public void Load_AnyFile_Sha256IsHashOfFileBytes()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);

        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.PaddleClassifier)));
        Assert.Equal(expected, model.Sha256);
        Assert.Equal(RepoPaths.PaddleClassifier, model.SourceName);
    }

    [Fact]
    public void Load_PaddleDetector_ReadsOpset11()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleDetector);

        Assert.Equal(11, model.OpsetOf());
        Assert.NotEmpty(model.Graph.Nodes);
        Assert.Single(model.Graph.Inputs);
    }

    [Fact]
    public void Load_PaddleClassifier_ConstantNodeWeightsReadable()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);
        var conv = model.Graph.Nodes.First(n => n.OpType == "Conv");

        Assert.True(model.Graph.TryGetConstant(conv.Inputs[1], out var weight));
        Assert.Equal(OnnxDataType.Float, weight.DataType);
        Assert.Equal(4, weight.Shape.Length);
        Assert.Equal(3, weight.Shape[1]);
        var values = weight.ToFloats();
        Assert.Equal(weight.ElementCount, values.Length);
        Assert.Contains(values, v => v != 0);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(conv.GetInts("kernel_shape")![0], weight.Shape[2]);
    }

    [Fact]
    public void SaveThenLoad_PaddleClassifier_SameGraphAndBytes()
    {
        using var dir = new TempDir();
        var original = OnnxModel.Load(RepoPaths.PaddleClassifier);
        var path = dir.File("copy.onnx");

        original.Save(path);
        var copy = OnnxModel.Load(path);

        Assert.Equal(original.Graph.Nodes.Select(n => (n.OpType, n.Name, string.Join(",", n.Inputs), string.Join(",", n.Outputs))),
            copy.Graph.Nodes.Select(n => (n.OpType, n.Name, string.Join(",", n.Inputs), string.Join(",", n.Outputs))));
        Assert.Equal(original.Graph.Inputs, copy.Graph.Inputs);
        Assert.Equal(original.Graph.Outputs, copy.Graph.Outputs);
        Assert.Equal(original.ToBytes(), copy.ToBytes());
        Assert.Equal(original.ProducerName, copy.ProducerName);
        Assert.Equal(["copy.onnx"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_ExistingFile_IsReplaced()
    {
        using var dir = new TempDir();
        var path = dir.File("m.onnx");
        File.WriteAllText(path, "old");

        TestModels.SmallConvNet().Build().Save(path);

        Assert.Equal(5, OnnxModel.Load(path).Graph.Nodes.Count(n => n.OpType != "Constant") - 1);
    }

    [Fact]
    public void Metadata_BuiltModel_ReadBack()
    {
        var b = TestModels.SmallConvNet();
        b.Metadata("Image.BitmapPixelFormat", "Rgb8");

        var model = b.Build();

        Assert.Equal("Rgb8", model.Metadata["Image.BitmapPixelFormat"]);
        Assert.Equal("ModelAudit.ModelBuilder", model.ProducerName);
    }

    [Fact]
    public void WithOutputs_IntermediateValue_AddedAsOutputWithDeclaredShape()
    {
        var model = TestModels.SmallConvNet().Build();

        var exposed = model.WithOutputs(["relu1", "conv1.weight", "prob"]);

        Assert.Equal(["prob", "relu1", "conv1.weight"], exposed.Graph.Outputs.Select(o => o.Name));
        Assert.Equal("[1,4,8,8]", exposed.Graph.Outputs[1].Shape!.ToString());
        Assert.Equal(OnnxDataType.Float, exposed.Graph.Outputs[2].ElementType);
        Assert.Single(model.Graph.Outputs);
        var reparsed = OnnxModel.Parse(exposed.ToBytes(), "exposed.onnx");
        Assert.Equal(3, reparsed.Graph.Outputs.Count);
    }

    [Fact]
    public void WithOutputs_UnknownValue_ThrowsNamingIt()
    {
        var model = TestModels.SmallConvNet().Build();

        var ex = Assert.Throws<ArgumentException>(() => model.WithOutputs(["nope"]));
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
    }
}
