using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Imaging.Tests.Drawing;

public sealed class DrawTests
{
    private static readonly Rgba Ink = new(200, 10, 20);

    [Fact]
    public void FillRectangle_PartlyOutside_ClipsToImage()
    {
        var image = new Image(4, 3);
        Draw.FillRectangle(image, -2, 1, 4, 10, Ink);
        // Covers x in [-2, 2) and y in [1, 11): inside the image x 0..1, y 1..2.
        Assert.Equal(["....", "##..", "##.."], Mask(image, Ink));
    }

    [Fact]
    public void FillRectangle_OutsideOrEmpty_DrawsNothing()
    {
        var image = new Image(3, 3);
        Draw.FillRectangle(image, 5, 0, 2, 2, Ink);
        Draw.FillRectangle(image, 0, -4, 2, 2, Ink);
        Draw.FillRectangle(image, 1, 1, 0, 2, Ink);
        Draw.FillRectangle(image, 1, 1, -3, 2, Ink);
        Assert.All(image.Pixels, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Rectangle_ThicknessOne_OutlinesInsideTheBounds()
    {
        var image = new Image(7, 6);
        Draw.Rectangle(image, 1, 1, 5, 4, Ink);
        Assert.Equal(
            [
                ".......",
                ".#####.",
                ".#...#.",
                ".#...#.",
                ".#####.",
                ".......",
            ],
            Mask(image, Ink));
    }

    [Fact]
    public void Rectangle_ThickerThanHalf_FillsWithoutOverrun()
    {
        var image = new Image(5, 5);
        Draw.Rectangle(image, 1, 1, 3, 2, Ink, thickness: 4);
        Assert.Equal([".....", ".###.", ".###.", ".....", "....."], Mask(image, Ink));
    }

    [Fact]
    public void Text_LetterI_DrawsItsGlyph()
    {
        var image = new Image(7, 9);
        int width = Draw.Text(image, 1, 1, "I", Ink);
        Assert.Equal(5, width);
        Assert.Equal(
            [
                ".......",
                "..###..",
                "...#...",
                "...#...",
                "...#...",
                "...#...",
                "...#...",
                "..###..",
                ".......",
            ],
            Mask(image, Ink));
    }

    [Fact]
    public void Text_ScaleTwo_EachFontPixelIsATwoByTwoSquare()
    {
        var image = new Image(12, 14);
        Draw.Text(image, 0, 0, "-", Ink, scale: 2);
        var mask = Mask(image, Ink);
        // '-' is ink on row 3, columns 1..3: scaled, rows 6..7 and columns 2..7.
        for (int y = 0; y < 14; y++)
        {
            Assert.Equal(y is 6 or 7 ? "..######...." : "............", mask[y]);
        }
    }

    [Fact]
    public void Text_SecondCharacter_StartsSixPixelsLater()
    {
        var image = new Image(12, 7);
        Draw.Text(image, 0, 0, "--", Ink);
        Assert.Equal(".###...###..", Mask(image, Ink)[3]);
    }

    [Fact]
    public void Text_UnknownCharacter_DrawsQuestionMark()
    {
        var unknown = new Image(5, 7);
        var question = new Image(5, 7);
        Draw.Text(unknown, 0, 0, "\u00e9", Ink);
        Draw.Text(question, 0, 0, "?", Ink);
        Assert.Equal(question.Pixels, unknown.Pixels);
        Assert.Contains(unknown.Pixels, b => b != 0);
    }

    [Fact]
    public void Text_PartlyOffImage_ClipsWithoutThrowing()
    {
        var image = new Image(4, 4);
        // 'M' glyph row 1 "##.##" lands on image rows 0..2, its column 1 on image columns 0..2.
        Draw.Text(image, -3, -3, "MM", Ink, scale: 3);
        Draw.Text(image, 100, 100, "x", Ink);
        Assert.Equal("###.", Mask(image, Ink)[0]);
    }

    [Theory]
    [InlineData("", 1, 0, 7)]
    [InlineData("a", 1, 5, 7)]
    [InlineData("ab", 2, 22, 14)]
    [InlineData("layer_3", 1, 41, 7)]
    public void MeasureText_CountsGlyphsAndGaps(string text, int scale, int width, int height)
    {
        Assert.Equal((width, height), Draw.MeasureText(text, scale));
    }

    [Theory]
    [InlineData(4, 1, 0)]
    [InlineData(5, 1, 1)]
    [InlineData(10, 1, 1)]
    [InlineData(11, 1, 2)]
    [InlineData(21, 2, 1)]
    [InlineData(22, 2, 2)]
    [InlineData(-5, 1, 0)]
    public void CharactersFitting_Width_CountsWholeGlyphs(int width, int scale, int expected)
    {
        Assert.Equal(expected, Draw.CharactersFitting(width, scale));
    }

    internal static string[] Mask(Image image, Rgba ink)
    {
        var rows = new string[image.Height];
        for (int y = 0; y < image.Height; y++)
        {
            var chars = new char[image.Width];
            for (int x = 0; x < image.Width; x++)
            {
                chars[x] = Rgba.FromBytes(image.Pixels.AsSpan(((y * image.Width) + x) * 4, 4)) == ink ? '#' : '.';
            }

            rows[y] = new string(chars);
        }

        return rows;
    }
}
