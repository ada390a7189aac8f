using ModelAudit.Core.Reporting.Maps;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Tests.Reporting.Maps;

public sealed class MapColoursTests
{
    [Theory]
    [InlineData(0.8, "0.8")]
    [InlineData(0.012345, "0.0123")]
    [InlineData(4.567, "4.57")]
    [InlineData(1234.5, "1235")]
    [InlineData(0, "0")]
    public void Label_ThreeSignificantDigits(double value, string expected) => Assert.Equal(expected, MapScale.Label(value));

    [Fact]
    public void Diverging_EndsAndMiddle_AreBlueWhiteRed()
    {
        Assert.Equal(new Rgba(33, 102, 172), Diverging.Map(-1));
        Assert.Equal(new Rgba(247, 247, 247), Diverging.Map(0));
        Assert.Equal(new Rgba(178, 24, 43), Diverging.Map(1));
        Assert.Equal(new Rgba(212, 136, 145), Diverging.Map(0.5f));
        Assert.Equal(new Rgba(247, 247, 247), Diverging.Map(float.NaN));
    }

    [Fact]
    public void Overlay_HalfGreyHalfColour()
    {
        var picture = new Image(1, 1);
        picture.Pixels[0] = 200;
        picture.Pixels[1] = 100;
        picture.Pixels[2] = 0;
        picture.Pixels[3] = 255;

        var result = MapOverlay.Render(picture, [1f], _ => new Rgba(0, 0, 255));

        // grey = 0.299*200 + 0.587*100 = 118.5; half of it plus half the colour.
        Assert.Equal(new byte[] { 59, 59, 187, 255 }, result.Pixels);
    }
}
