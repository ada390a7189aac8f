using Google.Protobuf;
using ModelAudit.Onnx.Proto;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests;

public sealed class ExternalDataTests
{
    /// <summary>Writes the small model with conv1.weight stored at an offset inside an external file.</summary>
    private static (string ModelPath, float[] Weight) WriteExternal(TempDir dir, string location, string dataFile, long offset)
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        var tensor = proto.Graph.Initializer.Single(t => t.Name == "conv1.weight");
        var raw = tensor.RawData.ToByteArray();
        var weight = new float[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, weight, 0, raw.Length);

        var dataPath = Path.Combine(dir.Path, dataFile);
        Directory.CreateDirectory(Path.GetDirectoryName(dataPath)!);
        File.WriteAllBytes(dataPath, new byte[offset].Concat(raw).Concat(new byte[7]).ToArray());
        tensor.ClearRawData();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = raw.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var modelPath = Path.Combine(dir.Path, "models", "m.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(modelPath)!);
        File.WriteAllBytes(modelPath, proto.ToByteArray());
        return (modelPath, weight);
    }

    [Fact]
    public void Load_ExternalDataInSubfolder_ReadsBytesAtOffset()
    {
        using var dir = new TempDir();
        var (path, weight) = WriteExternal(dir, "weights/conv.bin", "models/weights/conv.bin", offset: 24);

        var model = OnnxModel.Load(path);

        Assert.True(model.Graph.TryGetConstant("conv1.weight", out var tensor));
        Assert.Equal(weight, tensor.ToFloats());
    }

    [Fact]
    public void Save_ExternalModel_WritesDataInline()
    {
        using var dir = new TempDir();
        var (path, weight) = WriteExternal(dir, "w.bin", "models/w.bin", offset: 0);
        var inline = Path.Combine(dir.Path, "inline.onnx");

        OnnxModel.Load(path).Save(inline);
        File.Delete(Path.Combine(dir.Path, "models", "w.bin"));
        var reloaded = OnnxModel.Load(inline);

        Assert.True(reloaded.Graph.TryGetConstant("conv1.weight", out var tensor));
        Assert.Equal(weight, tensor.ToFloats());
        var stored = TestModels.ParseProto(File.ReadAllBytes(inline)).Graph.Initializer.Single(t => t.Name == "conv1.weight");
        Assert.Empty(stored.ExternalData);
        Assert.Equal(TensorProto.Types.DataLocation.Default, stored.DataLocation);
    }

    [Theory]
    [InlineData("../secret.bin")]
    [InlineData("weights/../../secret.bin")]
    [InlineData("..\\secret.bin")]
    public void Load_LocationEscapingFolder_RefusedNamingLocation(string location)
    {
        using var dir = new TempDir();
        var (path, _) = WriteExternal(dir, location, "secret.bin", offset: 0);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Equal(path, ex.Source);
        Assert.Contains($"'{location}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("conv1.weight", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AbsoluteLocation_Refused()
    {
        using var dir = new TempDir();
        var absolute = Path.Combine(dir.Path, "abs.bin");
        var (path, _) = WriteExternal(dir, absolute, "abs.bin", offset: 0);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Contains(absolute, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingDataFile_NamesLocation()
    {
        using var dir = new TempDir();
        var (path, _) = WriteExternal(dir, "gone.bin", "models/gone.bin", offset: 0);
        File.Delete(Path.Combine(dir.Path, "models", "gone.bin"));

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Contains("'gone.bin' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RangePastEndOfDataFile_Refused()
    {
        using var dir = new TempDir();
        var (path, _) = WriteExternal(dir, "w.bin", "models/w.bin", offset: 0);
        File.WriteAllBytes(Path.Combine(dir.Path, "models", "w.bin"), new byte[10]);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Contains("runs past the end", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExternalDataWithoutFolder_Refused()
    {
        using var dir = new TempDir();
        var (path, _) = WriteExternal(dir, "w.bin", "models/w.bin", offset: 0);

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Parse(File.ReadAllBytes(path), "mem.onnx"));

        Assert.Contains("mem.onnx: tensor 'conv1.weight'", ex.Message, StringComparison.Ordinal);
    }
}
