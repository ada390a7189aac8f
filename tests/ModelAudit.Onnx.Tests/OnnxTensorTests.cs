using Google.Protobuf;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests;

public sealed class OnnxTensorTests
{
    private static OnnxTensor Tensor(OnnxDataType type, long[] dims, Action<TensorProto> fill)
    {
        var proto = new TensorProto { Name = "t", DataType = (int)type, Dims = { dims } };
        fill(proto);
        return new OnnxTensor(proto, "src.onnx");
    }

    [Fact]
    public void ToFloats_Float16Raw_DecodesIeeeHalf()
    {
        // IEEE 754 binary16: 0x3C00 = 1, 0xC000 = -2, 0x3800 = 0.5, 0x7BFF = 65504 (largest finite).
        var t = Tensor(OnnxDataType.Float16, [4], p => p.RawData = ByteString.CopyFrom(0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38, 0xFF, 0x7B));

        Assert.Equal([1f, -2f, 0.5f, 65504f], t.ToFloats());
    }

    [Fact]
    public void ToFloats_Float16InInt32Data_DecodesBits()
    {
        var t = Tensor(OnnxDataType.Float16, [2], p => p.Int32Data.Add([0x3C00, 0xC000]));

        Assert.Equal([1f, -2f], t.ToFloats());
    }

    [Fact]
    public void ToFloats_DoubleData_Converted()
    {
        var t = Tensor(OnnxDataType.Double, [2], p => p.DoubleData.Add([0.25, -3.5]));

        Assert.Equal([0.25f, -3.5f], t.ToFloats());
    }

    [Fact]
    public void ToFloats_FloatData_Read()
    {
        var t = Tensor(OnnxDataType.Float, [2, 1], p => p.FloatData.Add([1.5f, 2.5f]));

        Assert.Equal([1.5f, 2.5f], t.ToFloats());
        Assert.Equal(2, t.ElementCount);
    }

    [Fact]
    public void ToInt64s_Int8Raw_SignExtended()
    {
        var t = Tensor(OnnxDataType.Int8, [3], p => p.RawData = ByteString.CopyFrom(0xFF, 0x80, 0x7F));

        Assert.Equal([-1L, -128, 127], t.ToInt64s());
        Assert.Equal([-1f, -128f, 127f], t.ToFloats());
    }

    [Fact]
    public void ToInt64s_Int64Raw_LittleEndian()
    {
        var t = Tensor(OnnxDataType.Int64, [1], p => p.RawData = ByteString.CopyFrom(0x02, 0x01, 0, 0, 0, 0, 0, 0));

        Assert.Equal([258L], t.ToInt64s());
    }

    [Fact]
    public void ToInt64s_Int32Data_Read()
    {
        var t = Tensor(OnnxDataType.Int32, [2], p => p.Int32Data.Add([-5, 6]));

        Assert.Equal([-5L, 6], t.ToInt64s());
    }

    [Fact]
    public void ToInt64s_FloatTensor_ThrowsNamingTensor()
    {
        var t = Tensor(OnnxDataType.Float, [1], p => p.FloatData.Add(1f));

        var ex = Assert.Throws<OnnxFormatException>(() => t.ToInt64s());
        Assert.Equal("src.onnx: tensor 't' has element type Float, which is not an integer type", ex.Message);
    }

    [Fact]
    public void ToFloats_FewerValuesThanShape_Throws()
    {
        var t = Tensor(OnnxDataType.Float, [3], p => p.FloatData.Add([1f, 2f]));

        var ex = Assert.Throws<OnnxFormatException>(() => t.ToFloats());
        Assert.Contains("holds 2 elements but its shape [3] needs 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeDim_Throws() =>
        Assert.Throws<OnnxFormatException>(() => Tensor(OnnxDataType.Float, [-2], _ => { }));

    [Fact]
    public void Constructor_OverflowingDims_Throws() =>
        Assert.Throws<OnnxFormatException>(() => Tensor(OnnxDataType.Float, [long.MaxValue, 4], _ => { }));

    [Fact]
    public void ToFloats_HugeShapeTinyData_ThrowsWithoutAllocating()
    {
        var t = Tensor(OnnxDataType.Float, [1L << 40], p => p.RawData = ByteString.CopyFrom(1, 2, 3, 4));

        Assert.Throws<OnnxFormatException>(() => t.ToFloats());
    }
}
