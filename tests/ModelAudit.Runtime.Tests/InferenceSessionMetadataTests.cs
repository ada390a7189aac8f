using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests;

public class InferenceSessionMetadataTests
{
    [Fact]
    public void Open_ModelWithMetadata_ReadsProducerAndCustomProperties()
    {
        var bytes = new TinyModel().Producer("modelaudit-tests")
            .Metadata("Image.NominalPixelRange", "NominalRange_0_255")
            .Metadata("classes", "cat,dog")
            .Input("x", 1).Output("y", 1).Node("Relu", ["x"], ["y"]).Build();

        using var session = InferenceSession.Open(bytes, "meta.onnx", new SessionSettings { Device = ExecutionDevice.Cpu });

        Assert.Equal("modelaudit-tests", session.ProducerName);
        Assert.Equal(2, session.CustomMetadata.Count);
        Assert.Equal("NominalRange_0_255", session.CustomMetadata["Image.NominalPixelRange"]);
        Assert.Equal("cat,dog", session.CustomMetadata["classes"]);
    }

    [Fact]
    public void Open_ModelWithoutMetadata_HasNoProducerAndEmptyMap()
    {
        var bytes = new TinyModel().Input("x", 1).Output("y", 1).Node("Relu", ["x"], ["y"]).Build();

        using var session = InferenceSession.Open(bytes, "plain.onnx", new SessionSettings { Device = ExecutionDevice.Cpu });

        Assert.Null(session.ProducerName);
        Assert.Empty(session.CustomMetadata);
    }

    [Fact]
    public void Outputs_DeclaredShapes_AreReported()
    {
        var bytes = new TinyModel().Input("x", "batch", 4).Output("y", "batch", 4).Node("Relu", ["x"], ["y"]).Build();

        using var session = InferenceSession.Open(bytes, "shapes.onnx", new SessionSettings { Device = ExecutionDevice.Cpu });

        var output = Assert.Single(session.Outputs);
        Assert.Equal("y", output.Name);
        Assert.Equal(new long[] { -1, 4 }, output.Shape);
        Assert.Equal(new[] { "batch", null }, output.SymbolicDimensions);
        Assert.Equal(TensorElementType.Float, output.ElementType);
    }
}
