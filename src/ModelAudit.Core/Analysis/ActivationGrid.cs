using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Analysis;

/// <summary>
/// Draws every channel of a feature map as a tile, as in "Deep Learning with Python" 5.4:
/// per channel (x - mean) / std * 64 + 128, clipped to 0..255, then viridis. A constant channel has no
/// std to divide by and is drawn blank (black), never as NaN.
/// </summary>
public static class ActivationGrid
{
    public const int Columns = 16;

    private const int Margin = 2;

    /// <summary>
    /// The whole layer as one picture, each tile labelled with its channel number: 16 tiles a row, or fewer when
    /// the maps are wider than tall (see <see cref="ColumnsFor"/>).
    /// </summary>
    public static Image Render(LayerActivation activation)
    {
        var tiles = Tiles(activation);
        var labels = Enumerable.Range(0, tiles.Count)
            .Select(i => (string?)i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var columns = ColumnsFor(tiles.Count, tiles[0].Width, tiles[0].Height);
        return Grid.Tile(tiles, columns, Margin, background: [255, 255, 255], labels);
    }

    /// <summary>
    /// 16 columns, except for maps wider than tall (a text-line model's 3x96 maps): 16 of those in a row make a
    /// strip a few pixels high that the report shrinks to a line, so they get the columns that make the grid
    /// about twice as wide as high, as 16 square tiles in two rows are.
    /// </summary>
    internal static int ColumnsFor(int tiles, int tileWidth, int tileHeight)
    {
        if (tileWidth <= tileHeight)
        {
            return Columns;
        }

        // A cell is the tile, its label band below and the margin.
        var cellHeight = tileHeight + Grid.LabelBandHeight() + Margin;
        var columns = Math.Sqrt(2.0 * tiles * cellHeight / (tileWidth + Margin));
        return Math.Clamp((int)Math.Round(columns), 1, Columns);
    }

    public static IReadOnlyList<Image> Tiles(LayerActivation activation, int minTileSide = 32)
    {
        var (channels, height, width) = activation.Shape.Length switch
        {
            3 => ((int)activation.Shape[0], (int)activation.Shape[1], (int)activation.Shape[2]),
            _ => throw new ModelAuditException(
                $"layer '{activation.Layer}' output {activation.Value} has shape [{string.Join(",", activation.Shape)}] per image; only feature maps (C,H,W) can be drawn as a grid"),
        };

        // Zoom by the longer side: thin maps (1 x 48) stay thin instead of growing to thousands of pixels.
        var zoom = Math.Max(1, (int)Math.Ceiling((double)minTileSide / Math.Max(height, width)));
        var tiles = new List<Image>(channels);
        var plane = height * width;
        for (var c = 0; c < channels; c++)
        {
            tiles.Add(Tile(activation.Data.AsSpan(c * plane, plane), width, height, zoom));
        }

        return tiles;
    }

    internal static Image Tile(ReadOnlySpan<float> channel, int width, int height, int zoom)
    {
        var image = new Image(width * zoom, height * zoom);
        double sum = 0;
        foreach (var v in channel)
        {
            sum += v;
        }

        // Two passes: the one-pass formula leaves rounding noise on a constant channel.
        var mean = sum / channel.Length;
        double squares = 0;
        foreach (var v in channel)
        {
            squares += (v - mean) * (v - mean);
        }

        var std = Math.Sqrt(squares / channel.Length);
        var blank = !(std > 0) || !double.IsFinite(std);
        var px = image.Pixels;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var o = ((y * image.Width) + x) * 4;
                px[o + 3] = 255;
                if (blank)
                {
                    continue;
                }

                var v = (channel[((y / zoom) * width) + (x / zoom)] - mean) / std * 64 + 128;
                var level = (int)Math.Clamp(v, 0, 255);
                var color = Colormap.Viridis[level];
                (px[o], px[o + 1], px[o + 2]) = (color.R, color.G, color.B);
            }
        }

        return image;
    }
}
