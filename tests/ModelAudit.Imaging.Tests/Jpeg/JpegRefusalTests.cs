using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Jpeg;

public sealed class JpegRefusalTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.TestData, "images", "jpeg", name));

    private static int FindMarker(byte[] data, byte marker)
    {
        for (var i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"no marker 0xFF{marker:X2}");
    }

    [Fact]
    public void Decode_ArithmeticCoding_RefusedNamingTheFeature()
    {
        var e = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(Fixture("arithmetic.jpg"), "a.jpg"));

        Assert.Contains("arithmetic", e.Message, StringComparison.Ordinal);
        Assert.Equal("a.jpg", e.Source);
    }

    [Fact]
    public void Decode_TwelveBitPrecision_RefusedNamingTheFeature()
    {
        var data = Fixture("s444.jpg");
        var sof = FindMarker(data, 0xC0);
        data[sof + 4] = 12;

        var e = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data, "p.jpg"));

        Assert.Contains("12-bit", e.Message, StringComparison.Ordinal);
        Assert.Equal(sof + 4, e.Offset);
    }

    [Fact]
    public void Decode_LosslessFrame_RefusedNamingTheFeature()
    {
        var data = Fixture("s444.jpg");
        data[FindMarker(data, 0xC0) + 1] = 0xC3;

        var e = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data, "l.jpg"));

        Assert.Contains("lossless", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FrameAbovePixelLimit_RefusedFromTheHeader()
    {
        var options = new DecodeOptions { MaxPixels = 33 * 21 - 1 };

        var e = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(Fixture("s420.jpg"), "s.jpg", options));

        Assert.Contains("above the limit", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s420.jpg")]
    [InlineData("prog-420.jpg")]
    [InlineData("s420-restart.jpg")]
    public void Decode_TruncatedAnywhere_ThrowsWithOffsetInsideTheFile(string name)
    {
        var data = Fixture(name);
        for (var length = 0; length < data.Length - 2; length += 7)
        {
            var e = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(data.AsSpan(0, length), name));

            Assert.Equal(name, e.Source);
            Assert.InRange(e.Offset ?? -1, 0, length);
        }
    }

    [Fact]
    public void Decode_ZeroFillPastMarker_FailsInsteadOfInventingPixels()
    {
        // Cut the entropy-coded data in half and close the file properly: libjpeg would pad with zeros.
        var data = Fixture("s444.jpg");
        var sos = FindMarker(data, 0xDA);
        var entropy = sos + 2 + ((data[sos + 2] << 8) | data[sos + 3]);
        var cut = data.AsSpan(0, entropy + ((data.Length - entropy) / 2)).ToArray().Concat(new byte[] { 0xFF, 0xD9 }).ToArray();

        var e = Assert.Throws<ImageFormatException>(() => JpegDecoder.Decode(cut, "half.jpg"));

        Assert.Contains("ends before the image is complete", e.Message, StringComparison.Ordinal);
    }
}
