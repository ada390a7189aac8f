using Google.Protobuf;
using ModelAudit.Onnx.Proto;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests;

public sealed class CorruptModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(50_000)]
    [InlineData(300_000)]
    public void Load_TruncatedPaddleModel_ThrowsOnnxFormatExceptionNamingFile(int keep)
    {
        using var dir = new TempDir();
        var path = dir.File("truncated.onnx");
        File.WriteAllBytes(path, File.ReadAllBytes(RepoPaths.PaddleClassifier)[..keep]);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(path, ex.Source);
        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextFile_NotAnOnnxModel()
    {
        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse("hello, this is not a model"u8.ToArray(), "notes.txt"));

        Assert.Contains("notes.txt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an ONNX model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_NotAnOnnxModel()
    {
        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse([], "empty.onnx"));

        Assert.Equal("empty.onnx: not an ONNX model: the file is empty", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_OnnxFormatExceptionNamingFile()
    {
        using var dir = new TempDir();
        var path = dir.File("absent.onnx");

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(path, ex.Source);
    }

    [Fact]
    public void Parse_GraphWithoutNodes_SaysSo()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        proto.Graph.Node.Clear();
        proto.Graph.Output.Clear();

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(proto.ToByteArray(), "m.onnx"));

        Assert.Equal("m.onnx: graph has no nodes", ex.Message);
    }

    [Fact]
    public void Parse_InputProducedByNothing_NamesNodeAndInput()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        proto.Graph.Initializer.Remove(proto.Graph.Initializer.Single(t => t.Name == "conv1.weight"));

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(proto.ToByteArray(), "m.onnx"));

        Assert.Equal("m.onnx: node 'conv1' input 'conv1.weight' is produced by nothing", ex.Message);
    }

    [Fact]
    public void Parse_Cycle_Refused()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        var conv = proto.Graph.Node.Single(n => n.Name == "conv1");
        conv.Input[0] = "pool1";

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(proto.ToByteArray(), "m.onnx"));

        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueProducedTwice_Refused()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        proto.Graph.Node.Single(n => n.Name == "pool1").Output[0] = "relu1";

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(proto.ToByteArray(), "m.onnx"));

        Assert.Contains("'relu1' is produced by both", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFloats_RawDataShorterThanShape_ThrowsNamingTensor()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        var weight = proto.Graph.Initializer.Single(t => t.Name == "fc.bias");
        weight.RawData = ByteString.CopyFrom(weight.RawData.Span[..8]);
        var model = OnnxModel.Parse(proto.ToByteArray(), "m.onnx");
        Assert.True(model.Graph.TryGetConstant("fc.bias", out var tensor));

        var ex = Assert.Throws<OnnxFormatException>(() => tensor.ToFloats());

        Assert.Contains("m.onnx: tensor 'fc.bias' has 8 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeededMutations_OnlyOnnxFormatExceptionEscapes()
    {
        var original = TestModels.SmallConvNet().ToBytes();
        var random = new Random(20260601);
        var loaded = 0;
        for (var i = 0; i < 4000; i++)
        {
            var bytes = Mutate(original, random);
            try
            {
                var model = OnnxModel.Parse(bytes, "mutant.onnx");
                loaded++;
                Exercise(model);
            }
            catch (OnnxFormatException ex)
            {
                Assert.StartsWith("mutant.onnx: ", ex.Message, StringComparison.Ordinal);
            }
        }

        Assert.InRange(loaded, 1, 3999);
    }

    [Fact]
    public void Parse_SeededMutationsOfPaddleClassifier_OnlyOnnxFormatExceptionEscapes()
    {
        var original = File.ReadAllBytes(RepoPaths.PaddleClassifier);
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = Mutate(original, random);
            try
            {
                Exercise(OnnxModel.Parse(bytes, "cls-mutant.onnx"));
            }
            catch (OnnxFormatException ex)
            {
                Assert.StartsWith("cls-mutant.onnx: ", ex.Message, StringComparison.Ordinal);
            }
        }
    }

    private static void Exercise(OnnxModel model)
    {
        ModelSummarizer.Summarize(model);
        foreach (var node in model.Graph.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (model.Graph.TryGetConstant(input, out var tensor))
                {
                    if (tensor.DataType is OnnxDataType.Int64 or OnnxDataType.Int32)
                    {
                        tensor.ToInt64s();
                    }
                    else
                    {
                        tensor.ToFloats();
                    }
                }
            }

            node.GetInts("kernel_shape");
            node.GetInt("group", 1);
            node.GetFloat("epsilon", 0);
            node.GetString("auto_pad");
            node.GetTensor("value");
        }

        OnnxModel.Parse(model.ToBytes(), "mutant.onnx");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                return bytes[..random.Next(bytes.Length)];
            case 1:
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 2:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            default:
                var start = random.Next(bytes.Length);
                var length = random.Next(1, 16);
                return bytes[..start].Concat(bytes[Math.Min(bytes.Length, start + length)..]).ToArray();
        }
    }
}
