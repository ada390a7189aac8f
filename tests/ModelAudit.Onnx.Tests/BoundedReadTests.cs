using System.Globalization;
using ModelAudit.Onnx.Proto;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests;

/// <summary>Model and external-data files are read only when regular, and only for the bytes the tensors declare.</summary>
public sealed class BoundedReadTests
{
    private const long TwoGiB = 2L << 30;

    /// <summary>The small model with conv1.weight moved to the start of a sparse 2 GiB file beside it.</summary>
    private static (string ModelPath, float[] Weight) WithSparseData(TempDir dir, long? declaredLength)
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        var tensor = proto.Graph.Initializer.Single(t => t.Name == "conv1.weight");
        var raw = tensor.RawData.ToByteArray();
        using (var data = new FileStream(dir.File("w.bin"), FileMode.CreateNew))
        {
            data.Write(raw);
            data.SetLength(TwoGiB);
        }

        tensor.ClearRawData();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "w.bin" });
        if (declaredLength is long length)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(CultureInfo.InvariantCulture) });
        }

        var path = dir.File("m.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(proto));
        var weight = new float[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, weight, 0, raw.Length);
        return (path, weight);
    }

    [Fact]
    public void Load_SparseDataFileDeclaringWholeLength_RefusedFromDeclarationsWithoutReading()
    {
        using var dir = new TempDir();
        var (path, _) = WithSparseData(dir, TwoGiB);
        OnnxFormatException? ex = null;

        var allocated = SpecialFiles.AllocatedBy(() => ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path)));

        Assert.Contains("tensor 'conv1.weight'", ex!.Message, StringComparison.Ordinal);
        Assert.Contains($"declares length {TwoGiB} but its shape [4,3,3,3] of float needs 432 bytes (raw_data size does not match)", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Load_SparseDataFileWithoutLength_ReadsOnlyTheTensorsBytes()
    {
        using var dir = new TempDir();
        var (path, weight) = WithSparseData(dir, declaredLength: null);
        OnnxModel? model = null;

        var allocated = SpecialFiles.AllocatedBy(() => model = OnnxModel.Load(path));

        Assert.True(model!.Graph.TryGetConstant("conv1.weight", out var tensor));
        Assert.Equal(weight, tensor.ToFloats());
        Assert.True(allocated < 16 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Load_ExternalDataOffsetPastEnd_NamesOffsetAndFileSize()
    {
        using var dir = new TempDir();
        var (path, _) = WithSparseData(dir, declaredLength: null);
        var proto = TestModels.ParseProto(File.ReadAllBytes(path));
        proto.Graph.Initializer.Single(t => t.Name == "conv1.weight").ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = (TwoGiB - 100).ToString(CultureInfo.InvariantCulture) });
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(proto));

        var ex = Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path));

        Assert.Contains($"offset {TwoGiB - 100} length 432 runs past the end of the file ({TwoGiB} bytes)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExternalDataIsFifo_RefusedWithoutBlocking()
    {
        if (!SpecialFiles.Supported)
        {
            return;
        }

        using var dir = new TempDir();
        var (path, _) = WithSparseData(dir, declaredLength: null);
        File.Delete(dir.File("w.bin"));
        SpecialFiles.Fifo(dir, "w.bin");

        var ex = SpecialFiles.WithoutHanging(() => Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path)));

        Assert.Contains("external data file 'w.bin' is a FIFO (named pipe), not a regular file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SpecialFiles.Zero, "is a character device, not a regular file")]
    [InlineData(SpecialFiles.Random, "is a character device, not a regular file")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    public void Load_ModelIsNotARegularFile_RefusedWithoutReading(string which, string expected)
    {
        if (!SpecialFiles.Supported)
        {
            return;
        }

        using var dir = new TempDir();
        var path = which == "fifo" ? SpecialFiles.Fifo(dir, "model.onnx") : which;

        var ex = SpecialFiles.WithoutHanging(() => Assert.Throws<OnnxFormatException>(() => OnnxModel.Load(path)));

        Assert.Equal($"{path}: {expected}", ex.Message);
    }
}
