using ModelAudit.Imaging.Tests.Jpeg;
using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Bmp;

/// <summary>RLE8 and RLE4 bitmaps against ImageMagick's decodes (testdata/images/jpeg/make-fixtures.sh).</summary>
public sealed class BmpRleTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.TestData, "images", "bmp", name);

    private static byte[] Bytes(string name) => File.ReadAllBytes(Fixture(name + ".bmp"));

    [Theory]
    [InlineData("rle8")] // written by ImageMagick (-compress RLE): what 8-bit palette BMPs from it look like
    [InlineData("rle8-delta")] // hand-encoded: literal runs, delta, end of line, a run spilling into the next row, early end
    [InlineData("rle4")] // hand-encoded: nibble runs, literal runs of every padding case, delta, early end of line
    public void Decode_RunLengthFiles_MatchImageMagickExactly(string name)
    {
        var image = BmpDecoder.Decode(Bytes(name), name + ".bmp");

        ImageComparison.AssertClose(image, Pnm.Read(Fixture(name + ".ppm")), 0, 0);
    }

    [Fact]
    public void Decode_Rle8FromImageMagick_IsReallyCompressed()
    {
        var data = Bytes("rle8");

        Assert.Equal(1u, BitConverter.ToUInt32(data, 30)); // BI_RLE8
        Assert.Equal(8, BitConverter.ToUInt16(data, 28));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(2)]
    public void Decode_Rle8TruncatedInsideTheRuns_RefusedNamingTheRow(int keepAfterPalette)
    {
        var data = Bytes("rle8");
        var pixelOffset = BitConverter.ToInt32(data, 10);

        var e = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(data.AsSpan(0, pixelOffset + keepAfterPalette), "cut.bmp"));

        Assert.Contains("truncated BMP", e.Problem, StringComparison.Ordinal);
        Assert.InRange(e.Offset ?? -1, pixelOffset, pixelOffset + keepAfterPalette);
    }

    [Fact]
    public void Decode_Rle8TopDown_Refused()
    {
        var data = Bytes("rle8");
        BitConverter.TryWriteBytes(data.AsSpan(22), -BitConverter.ToInt32(data, 22));

        var e = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(data, "top.bmp"));

        Assert.Equal("corrupt BMP: run-length compressed bitmaps must be stored bottom-up (positive height)", e.Problem);
    }

    [Fact]
    public void Decode_Rle4WithEightBitPixels_Refused()
    {
        var data = Bytes("rle8");
        data[30] = 2; // RLE4 on an 8-bit bitmap

        var e = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(data, "mixed.bmp"));

        Assert.Equal("corrupt BMP: RLE4 compression with 8 bits per pixel", e.Problem);
    }
}
