using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Jpeg;

public sealed class JpegDecoderTests
{
    // The accuracy bar against libjpeg-turbo's djpeg.
    private const int MaxLevels = 2;
    private const double MaxMean = 0.5;

    private static string Fixture(string name) => Path.Combine(RepoPaths.TestData, "images", "jpeg", name);

    private static Image Reference(string name)
    {
        var ppm = Fixture(name + ".ppm");
        return Pnm.Read(File.Exists(ppm) ? ppm : Fixture(name + ".pgm"));
    }

    [Theory]
    [InlineData("grey")]
    [InlineData("s444")]
    [InlineData("s422")]
    [InlineData("s420")]
    [InlineData("s440")]
    [InlineData("s411")]
    [InlineData("s420-restart")]
    [InlineData("s444-restart-blocks")]
    [InlineData("s420-optimized")]
    [InlineData("prog-420")]
    [InlineData("prog-444")]
    [InlineData("prog-grey")]
    [InlineData("prog-422-restart")]
    [InlineData("prog-411")]
    [InlineData("tiny-420")]
    [InlineData("mid-422")]
    [InlineData("mid-prog-420")]
    [InlineData("unknown-app")]
    [InlineData("cmyk")]
    [InlineData("ycck")]
    public void Decode_Fixture_MatchesDjpeg(string name)
    {
        var image = JpegDecoder.Decode(File.ReadAllBytes(Fixture(name + ".jpg")), name);

        ImageComparison.AssertClose(image, Reference(name), MaxLevels, MaxMean);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Decode_ExifOrientation_ReturnsUprightPicture(int orientation)
    {
        var name = $"orient-{orientation}";
        var image = JpegDecoder.Decode(File.ReadAllBytes(Fixture(name + ".jpg")), name);

        ImageComparison.AssertClose(image, Reference(name), MaxLevels, MaxMean);
    }

    [Fact]
    public void ImageDecoder_JpegAndBmpFiles_ChosenFromContent()
    {
        var jpeg = ImageDecoder.Decode(Fixture("s420.jpg"));
        var bmp = ImageDecoder.Decode(Path.Combine(RepoPaths.TestData, "images", "bmp", "rgb24.bmp"));

        ImageComparison.AssertClose(jpeg, Reference("s420"), 0, 0);
        ImageComparison.AssertClose(bmp, Pnm.Read(Path.Combine(RepoPaths.TestData, "images", "bmp", "rgb24.ppm")), 0, 0);
    }
}
