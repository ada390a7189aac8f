using ModelAudit.Core.Analysis;
using ModelAudit.Imaging.Colormaps;

namespace ModelAudit.Core.Tests.Analysis;

public sealed class ActivationGridTests
{
    [Fact]
    public void Tile_ConstantChannel_IsBlankNotNaN()
    {
        var tile = ActivationGrid.Tile(new float[] { 5, 5, 5, 5 }, 2, 2, 1);

        Assert.All(Enumerable.Range(0, 4), p => Assert.Equal(0, tile.Pixels[p * 4] + tile.Pixels[(p * 4) + 1] + tile.Pixels[(p * 4) + 2]));
    }

    [Fact]
    public void Tile_TwoValues_MapToPlusAndMinusOneStdThroughViridis()
    {
        // Values -1 and +1: mean 0, std 1 -> levels 128 - 64 = 64 and 128 + 64 = 192.
        var tile = ActivationGrid.Tile(new float[] { -1, 1 }, 2, 1, 1);

        Assert.Equal(Colormap.Viridis[64].R, tile.Pixels[0]);
        Assert.Equal(Colormap.Viridis[64].G, tile.Pixels[1]);
        Assert.Equal(Colormap.Viridis[192].G, tile.Pixels[5]);
    }

    [Fact]
    public void Tiles_SmallMaps_AreZoomedToTheMinimumSide()
    {
        var activation = new LayerActivation("v", "layer", [2, 4, 4], new float[32]);

        var tiles = ActivationGrid.Tiles(activation, minTileSide: 16);

        Assert.Equal(2, tiles.Count);
        Assert.Equal((16, 16), (tiles[0].Width, tiles[0].Height));
    }

    [Fact]
    public void Tiles_ThinMaps_ZoomByTheLongerSide()
    {
        var activation = new LayerActivation("v", "layer", [1, 1, 48], new float[48]);

        var tile = Assert.Single(ActivationGrid.Tiles(activation, minTileSide: 32));

        Assert.Equal((48, 1), (tile.Width, tile.Height));
    }

    [Theory]
    [InlineData(32, 32, 32, 16)] // square maps keep 16 a row
    [InlineData(64, 8, 8, 16)]
    [InlineData(32, 96, 3, 3)] // 3x96: 3 columns of 98 px, 11 rows of 15 px: 294 x 165
    [InlineData(32, 48, 1, 4)] // 1x48: 4 columns of 50 px, 8 rows of 13 px: 200 x 104
    [InlineData(8, 96, 24, 2)] // 24x96: 2 columns, 4 rows: 196 x 144 instead of one 784 x 36 strip
    [InlineData(1, 400, 2, 1)]
    public void Render_MapShape_ColumnsKeepTheGridAboutTwiceAsWideAsHigh(int channels, int width, int height, int columns)
    {
        var activation = new LayerActivation("v", "layer", [channels, height, width], new float[channels * height * width]);
        var tile = ActivationGrid.Tiles(activation)[0];

        var grid = ActivationGrid.Render(activation);

        var rows = (channels + columns - 1) / columns;
        Assert.Equal(columns, ActivationGrid.ColumnsFor(channels, tile.Width, tile.Height));
        // Tiles plus at most a 2-pixel margin on each side of each.
        Assert.True(grid.Width >= columns * tile.Width && grid.Width <= columns * (tile.Width + 4), $"{grid.Width} px wide for {columns} columns of {tile.Width}");
        Assert.True(grid.Height >= rows * tile.Height, $"{grid.Height} px high for {rows} rows of {tile.Height}");
    }

    [Fact]
    public void Sparsity_CountsAllZeroChannels()
    {
        var data = new float[] { 0, 0, 1, 0, 0, 0, 0, 0 };

        Assert.Equal(0.75, new LayerActivation("v", "l", [4, 1, 2], data).Sparsity);
    }
}
