using ModelAudit.Imaging.Tests.Jpeg;
using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Bmp;

public sealed class BmpDecoderTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.TestData, "images", "bmp", name);

    private static Image Decode(string name) =>
        BmpDecoder.Decode(File.ReadAllBytes(Fixture(name + ".bmp")), name + ".bmp");

    [Theory]
    [InlineData("pal1")]
    [InlineData("pal4")]
    [InlineData("pal8")]
    [InlineData("os2-pal4")]
    [InlineData("rgb24")]
    [InlineData("rgb24-topdown")]
    [InlineData("pal8-topdown")]
    public void Decode_ExactFormats_MatchImageMagick(string name)
    {
        ImageComparison.AssertClose(Decode(name), Pnm.Read(Fixture(name + ".ppm")), 0, 0);
    }

    // 5- and 6-bit channels are scaled to 8 bits; ImageMagick replicates high bits, we round v*255/max:
    // the two rules never differ by more than one level.
    [Theory]
    [InlineData("rgb555")]
    [InlineData("rgb555-plain")]
    [InlineData("rgb565")]
    [InlineData("rgb565-info")]
    public void Decode_SixteenBit_MatchesImageMagickWithinOneLevel(string name)
    {
        ImageComparison.AssertClose(Decode(name), Pnm.Read(Fixture(name + ".ppm")), 1, 0.5);
    }

    [Fact]
    public void Decode_ThirtyTwoBitWithAlphaMask_MatchesColourAndAlpha()
    {
        var image = Decode("argb32");
        var colour = Pnm.Read(Fixture("argb32.ppm"));
        var alpha = Pnm.Read(Fixture("argb32-alpha.pgm"));
        for (var i = 0; i < image.Pixels.Length; i += 4)
        {
            Assert.Equal(colour.Pixels.AsSpan(i, 3).ToArray(), image.Pixels.AsSpan(i, 3).ToArray());
            Assert.Equal(alpha.Pixels[i], image.Pixels[i + 3]);
        }
    }

    [Fact]
    public void Decode_FiveBitChannel_ScalesEndsToFullRange()
    {
        var mask = new ModelAudit.Imaging.Bmp.BmpChannelMask(0x7C00);

        Assert.Equal((byte)0, mask.Extract(0));
        Assert.Equal((byte)255, mask.Extract(0x7C00));
        Assert.Equal((byte)132, mask.Extract(16 << 10)); // 16 * 255 / 31 = 131.6
    }

    [Fact]
    public void Decode_HugeHeaderSize_RefusedBeforeAllocating()
    {
        var data = File.ReadAllBytes(Fixture("rgb24.bmp"));
        BitConverter.GetBytes(60000).CopyTo(data, 18);
        BitConverter.GetBytes(60000).CopyTo(data, 22);

        var e = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(data, "big.bmp"));

        Assert.Contains("above the limit", e.Message, StringComparison.Ordinal);
        Assert.Equal("big.bmp", e.Source);
    }

    [Fact]
    public void Decode_TruncatedPixels_NamesFileAndOffset()
    {
        var data = File.ReadAllBytes(Fixture("rgb24.bmp"));

        var e = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(data.AsSpan(0, data.Length - 200), "cut.bmp"));

        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Equal(data.Length - 200, e.Offset);
    }

    [Fact]
    public void Decode_EmbeddedJpeg_RefusedNamingTheFeature()
    {
        var data = File.ReadAllBytes(Fixture("pal8.bmp"));
        data[30] = 4; // BI_JPEG: RLE8 and RLE4 decode (BmpRleTests), embedded JPEG/PNG do not

        var e = Assert.Throws<ImageFormatException>(() => BmpDecoder.Decode(data, "jpeg.bmp"));

        Assert.Equal("compressed BMP (embedded JPEG) is not supported", e.Problem);
    }
}
