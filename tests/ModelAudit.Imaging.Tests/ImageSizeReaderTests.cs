using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests;

public sealed class ImageSizeReaderTests
{
    /// <summary>The full decoder is the truth: every fixture it decodes (EXIF-rotated JPEGs, top-down BMPs, interlaced PNGs) has that size in its header.</summary>
    [Fact]
    public void TryRead_EveryDecodableFixture_MatchesTheDecodedSize()
    {
        var checkedFiles = 0;
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepoPaths.TestData, "images"), "*", SearchOption.AllDirectories)
                     .Where(p => Path.GetExtension(p) is ".png" or ".jpg" or ".bmp"))
        {
            Image decoded;
            try
            {
                decoded = ImageDecoder.Decode(path);
            }
            catch (ImageFormatException)
            {
                continue;
            }

            Assert.Equal((decoded.Width, decoded.Height), ImageSizeReader.TryRead(path));
            checkedFiles++;
        }

        Assert.True(checkedFiles > 40, $"only {checkedFiles} fixtures decoded");
    }

    [Fact]
    public void TryRead_QuarterTurnOrientation_SwapsTheStoredSize()
    {
        var stored = ImageSizeReader.TryRead(Path.Combine(RepoPaths.TestData, "images", "jpeg", "orient-1.jpg"))!.Value;
        Assert.NotEqual(stored.Width, stored.Height);

        Assert.Equal((stored.Height, stored.Width), ImageSizeReader.TryRead(Path.Combine(RepoPaths.TestData, "images", "jpeg", "orient-6.jpg")));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02 })]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8' })]
    public void TryRead_NoSizeBeforeTheData_ReturnsNull(byte[] head)
    {
        Assert.Null(ImageSizeReader.TryRead(head));
    }

    [Fact]
    public void TryRead_MissingFile_ReturnsNull()
    {
        Assert.Null(ImageSizeReader.TryRead(Path.Combine(Path.GetTempPath(), "no-such-image-" + Guid.NewGuid() + ".png")));
    }
}
