using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class FilterGridTests
{
    private static FilterPattern Pattern(int index, byte grey)
    {
        var image = new Image(6, 4);
        for (var i = 0; i < image.Pixels.Length; i += 4)
        {
            image.Pixels[i] = image.Pixels[i + 1] = image.Pixels[i + 2] = grey;
            image.Pixels[i + 3] = 255;
        }

        return new FilterPattern(index, 0f, 1f, image);
    }

    [Fact]
    public void Render_TenPatterns_EightPerRowWithFivePixelBlackMargins()
    {
        var patterns = Enumerable.Range(0, 10).Select(i => Pattern(i, (byte)(100 + i))).ToList();

        var grid = FilterGrid.Render(patterns);

        // 8 columns: 8 * 6 + 9 * 5 = 93 wide; 2 rows: 2 * 4 + 3 * 5 = 23 high.
        Assert.Equal((93, 23), (grid.Width, grid.Height));
        Assert.Equal(0, grid.Pixels[0]);
        // Tile 9 is the second of row 2: origin (5 + 11, 5 + 9) = (16, 14).
        Assert.Equal(109, grid.Pixels[((14 * 93) + 16) * 4]);
        Assert.Equal(0, grid.Pixels[((14 * 93) + 15) * 4]);
        // Row 2 has only 2 tiles; the rest of it is black.
        Assert.Equal(0, grid.Pixels[((14 * 93) + 30) * 4]);
    }

    [Fact]
    public void Render_NoPatterns_Throws()
    {
        Assert.Throws<ArgumentException>(() => FilterGrid.Render([]));
    }
}
