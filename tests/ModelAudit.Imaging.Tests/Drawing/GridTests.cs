using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Imaging.Tests.Drawing;

public sealed class GridTests
{
    private static readonly byte[] Grey = [50, 50, 50, 255];
    private static readonly Rgba GreyColor = new(50, 50, 50);

    [Fact]
    public void Tile_ThreeTilesTwoColumns_PlacesTilesAndMarginsExactly()
    {
        // 2x3 tiles, margin 1, two columns: width 1+2+1+2+1 = 7, height 1+3+1+3+1 = 9.
        var tiles = new[] { Solid(2, 3, 1), Solid(2, 3, 2), Solid(2, 3, 3) };
        var grid = Grid.Tile(tiles, columns: 2, margin: 1, Grey, labels: null);
        Assert.Equal(7, grid.Width);
        Assert.Equal(9, grid.Height);
        Assert.Equal(
            [
                "0000000",
                "0110220",
                "0110220",
                "0110220",
                "0000000",
                "0330000",
                "0330000",
                "0330000",
                "0000000",
            ],
            Classify(grid));
    }

    [Fact]
    public void Tile_TileContent_CopiedPixelForPixel()
    {
        var tile = new Image(3, 2);
        new Random(1).NextBytes(tile.Pixels);
        var grid = Grid.Tile([Solid(3, 2, 9), tile], columns: 5, margin: 2, Grey);
        // Fewer tiles than columns: one row of two. Tile 1 starts at x = 2 + 3 + 2 = 7, y = 2.
        Assert.Equal(2 + 3 + 2 + 3 + 2, grid.Width);
        for (int y = 0; y < 2; y++)
        {
            Assert.Equal(tile.Row(y).ToArray(), grid.Row(2 + y).Slice(7 * 4, 3 * 4).ToArray());
        }
    }

    [Fact]
    public void Tile_LabelBelow_InkWhereTheGlyphIs()
    {
        // One 10x4 tile, margin 1, label "-": band of 9 rows under the tile; text starts one row into the
        // band, '-' inks glyph row 3, columns 1..3. Light background -> black ink.
        var light = new byte[] { 230, 230, 230 };
        var grid = Grid.Tile([Solid(10, 4, 1)], columns: 1, margin: 1, light, labels: ["-"]);
        Assert.Equal(1 + 4 + 9 + 1, grid.Height);
        var ink = DrawTests.Mask(grid, Rgba.Black);
        for (int y = 0; y < grid.Height; y++)
        {
            string expected = y == 1 + 4 + 1 + 3 ? "..###......." : "............";
            Assert.Equal(expected, ink[y]);
        }
    }

    [Fact]
    public void Tile_LabelBelowOnDarkBackground_UsesWhiteInk()
    {
        var grid = Grid.Tile([Solid(10, 2, 1)], columns: 1, margin: 0, [0, 0, 0, 255], labels: ["I"], labelScale: 2);
        var ink = DrawTests.Mask(grid, Rgba.White);
        // 'I' top row ".###." at scale 2: columns 2..7, rows 2 + 2 (tile, then one scaled pixel of padding).
        Assert.Equal("..######..", ink[4]);
        Assert.Equal("..######..", ink[5]);
        Assert.Equal(2 + Grid.LabelBandHeight(2), grid.Height);
    }

    [Fact]
    public void Tile_LabelOver_DrawsOnTileWithoutExtraSpace()
    {
        var plain = Grid.Tile([Solid(20, 12, 1)], columns: 1, margin: 1, Grey);
        var labelled = Grid.Tile([Solid(20, 12, 1)], columns: 1, margin: 1, Grey, ["-"], LabelPlacement.Over);
        Assert.Equal((plain.Width, plain.Height), (labelled.Width, labelled.Height));
        // Black box 5+2 by 7+2 at the tile origin (1, 1), white '-' inside it on glyph row 3.
        var black = DrawTests.Mask(labelled, Rgba.Black);
        var white = DrawTests.Mask(labelled, Rgba.White);
        Assert.Equal(7 * 9 - 3, black.Sum(r => r.Count(c => c == '#')));
        Assert.Equal("...###" + new string('.', 16), white[1 + 1 + 3]);
        Assert.Equal(3, white.Sum(r => r.Count(c => c == '#')));
    }

    [Fact]
    public void Tile_LongLabel_CutToTileWidth()
    {
        // An 11-pixel tile fits two glyphs (5 + 1 + 5); nothing may spill into the margin or next tile.
        var grid = Grid.Tile([Solid(11, 2, 1), Solid(11, 2, 2)], columns: 2, margin: 3, [255, 255, 255], ["WWWWWW", "x"]);
        var ink = DrawTests.Mask(grid, Rgba.Black);
        foreach (var row in ink)
        {
            Assert.Equal(new string('.', 3), row[14..17]);
        }

        Assert.Equal("#...#.#...#", ink[3 + 2 + 1][3..14]);
    }

    [Fact]
    public void Tile_DifferentTileSizes_ThrowsNamingTheTile()
    {
        var e = Assert.Throws<ArgumentException>(() => Grid.Tile([Solid(2, 2, 1), Solid(2, 2, 1), Solid(3, 2, 1)], 2, 1, Grey));
        Assert.Contains("tile 2 is 3x2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tile_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => Grid.Tile([], 2, 1, Grey));
        Assert.Throws<ArgumentException>(() => Grid.Tile([Solid(2, 2, 1)], 2, 1, Grey, ["a", "b"]));
        Assert.Throws<ArgumentException>(() => Grid.Tile([Solid(2, 2, 1)], 2, 1, [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Tile([Solid(2, 2, 1)], 0, 1, Grey));
    }

    [Fact]
    public void GridLayout_SixteenPerRow_OriginsAndSize()
    {
        var layout = new GridLayout(tileWidth: 10, tileHeight: 8, count: 40, columns: 16, margin: 2, labelHeight: 9);
        Assert.Equal(3, layout.Rows);
        Assert.Equal((16 * 10) + (17 * 2), layout.Width);
        Assert.Equal((3 * (8 + 9)) + (4 * 2), layout.Height);
        Assert.Equal((2, 2), layout.TileOrigin(0));
        Assert.Equal((2 + (15 * 12), 2), layout.TileOrigin(15));
        Assert.Equal((2 + (7 * 12), 2 + (2 * 19)), layout.TileOrigin(39));
        Assert.Equal((2 + (7 * 12), 2 + (2 * 19) + 8), layout.LabelOrigin(39));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.TileOrigin(40));
    }

    private static Image Solid(int width, int height, byte value)
    {
        var image = new Image(width, height);
        for (int i = 0; i < image.Pixels.Length; i += 4)
        {
            image.Pixels[i] = value;
            image.Pixels[i + 1] = value;
            image.Pixels[i + 2] = value;
            image.Pixels[i + 3] = 255;
        }

        return image;
    }

    // Each pixel as the digit of the solid tile it came from, '0' for the background.
    private static string[] Classify(Image image)
    {
        var rows = new string[image.Height];
        for (int y = 0; y < image.Height; y++)
        {
            var chars = new char[image.Width];
            for (int x = 0; x < image.Width; x++)
            {
                var c = Rgba.FromBytes(image.Pixels.AsSpan(((y * image.Width) + x) * 4, 4));
                chars[x] = c == GreyColor ? '0' : (char)('0' + c.R);
            }

            rows[y] = new string(chars);
        }

        return rows;
    }
}
