using ModelAudit.TestSupport;
using ModelAudit.TestSupport.Fuzzing;

namespace ModelAudit.Onnx.Tests.Fuzz;

/// <summary>
/// The ONNX reader (protobuf parse, graph checks, external data) under seeded mutations of small models:
/// only <see cref="OnnxFormatException"/> may escape, memory stays bounded, nothing hangs.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ModelReaderFuzzTests
{
    [Fact]
    public void Parse_MutatedModels_OnlyOnnxFormatExceptionEscapes()
    {
        using var dir = new TempDir();
        // The second seed keeps conv1.weight in w.bin beside it, so mutations also reach the external-data checks.
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        var tensor = proto.Graph.Initializer.Single(t => t.Name == "conv1.weight");
        File.WriteAllBytes(dir.File("w.bin"), [.. tensor.RawData.ToByteArray(), .. new byte[100]]);
        tensor.ClearRawData();
        tensor.DataLocation = Proto.TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new Proto.StringStringEntryProto { Key = "location", Value = "w.bin" });
        byte[][] corpus = [TestModels.SmallConvNet().ToBytes(), Google.Protobuf.MessageExtensions.ToByteArray(proto)];

        var summary = FuzzRun.Run(
            "onnx",
            random => Mutator.Binary(corpus, random),
            input => OnnxModel.Parse(input, "fuzz.onnx", dir.Path),
            e => e is OnnxFormatException { Source: "fuzz.onnx" });

        Assert.True(summary.BothOutcomes, $"{summary.Refused} of {summary.Cases} cases refused: the mutations do not reach both outcomes");
    }
}
