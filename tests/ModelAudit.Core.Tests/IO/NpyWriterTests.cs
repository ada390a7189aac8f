using System.Buffers.Binary;
using System.Text;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Tests.IO;

public sealed class NpyWriterTests
{
    [Fact]
    public void Encode_WritesNumpyV1HeaderAlignedTo64AndLittleEndianFloats()
    {
        var bytes = NpyWriter.Encode(new float[] { 1.5f, -2f, 3f, 4f, 5f, 6f }, [2, 3]);

        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal((1, 0), (bytes[6], bytes[7]));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd(' ', '\n'));
        Assert.EndsWith("\n", header, StringComparison.Ordinal);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(10 + headerLength)));
        Assert.Equal(10 + headerLength + 24, bytes.Length);
    }

    [Fact]
    public void Encode_OneDimension_WritesTupleWithTrailingComma()
    {
        var bytes = NpyWriter.Encode(new float[] { 1f }, [1]);

        Assert.Contains("'shape': (1,)", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ShapeMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => NpyWriter.Encode(new float[3], [2, 2]));
    }

    [Theory]
    [InlineData("conv1/relu:0", "conv1_relu_0")]
    [InlineData("a.b-c_d", "a.b-c_d")]
    [InlineData("x y", "x_y")]
    public void SafeFileName_ReplacesUnsafeCharacters(string name, string expected)
    {
        Assert.Equal(expected, NpyWriter.SafeFileName(name));
    }
}
