namespace ModelAudit.Imaging.Drawing;

/// <summary>Tiles equal-sized images into one picture, e.g. every channel of a layer's activation.</summary>
public static class Grid
{
    /// <param name="background">RGB or RGBA bytes for the margins and label bands.</param>
    /// <param name="labels">One label per tile (null or empty for none), or null for no labels.
    /// Labels longer than the tile are cut to fit.</param>
    /// <param name="labelScale">Size of one font pixel, in pixels.</param>
    public static Image Tile(
        IReadOnlyList<Image> tiles,
        int columns,
        int margin,
        byte[] background,
        IReadOnlyList<string?>? labels = null,
        LabelPlacement placement = LabelPlacement.Below,
        int labelScale = 1)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(background);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(labelScale);
        if (tiles.Count == 0)
        {
            throw new ArgumentException("A grid needs at least one tile.", nameof(tiles));
        }

        if (labels is not null && labels.Count != tiles.Count)
        {
            throw new ArgumentException($"Got {labels.Count} labels for {tiles.Count} tiles.", nameof(labels));
        }

        var paper = Rgba.FromBytes(background);
        int tileW = tiles[0].Width;
        int tileH = tiles[0].Height;
        for (int i = 1; i < tiles.Count; i++)
        {
            if (tiles[i].Width != tileW || tiles[i].Height != tileH)
            {
                throw new ArgumentException(
                    $"Grid tiles must have one size: tile 0 is {tileW}x{tileH}, tile {i} is {tiles[i].Width}x{tiles[i].Height}.", nameof(tiles));
            }
        }

        int band = labels is not null && placement == LabelPlacement.Below ? LabelBandHeight(labelScale) : 0;
        var layout = new GridLayout(tileW, tileH, tiles.Count, columns, margin, band);
        var canvas = new Image(layout.Width, layout.Height);
        Draw.FillRectangle(canvas, 0, 0, canvas.Width, canvas.Height, paper);
        for (int i = 0; i < tiles.Count; i++)
        {
            var (x, y) = layout.TileOrigin(i);
            Paste(canvas, tiles[i], x, y);
            string? label = labels?[i];
            if (!string.IsNullOrEmpty(label))
            {
                DrawLabel(canvas, layout, i, label, placement, paper, labelScale);
            }
        }

        return canvas;
    }

    /// <summary>Height of the band under a tile: the font with one font pixel of space above and below.</summary>
    public static int LabelBandHeight(int labelScale = 1) => (BitmapFont.GlyphHeight + 2) * labelScale;

    private static void DrawLabel(Image canvas, GridLayout layout, int index, string label, LabelPlacement placement, Rgba paper, int scale)
    {
        var (tileX, tileY) = layout.TileOrigin(index);
        if (placement == LabelPlacement.Below)
        {
            string fitted = Fit(label, layout.TileWidth, scale);
            var ink = paper.Luma >= 128 ? Rgba.Black : Rgba.White;
            Draw.Text(canvas, tileX, tileY + layout.TileHeight + scale, fitted, ink, scale);
            return;
        }

        string text = Fit(label, layout.TileWidth - (2 * scale), scale);
        if (text.Length == 0)
        {
            return;
        }

        var (textW, textH) = Draw.MeasureText(text, scale);
        Draw.FillRectangle(canvas, tileX, tileY, Math.Min(textW + (2 * scale), layout.TileWidth), Math.Min(textH + (2 * scale), layout.TileHeight), Rgba.Black);
        Draw.Text(canvas, tileX + scale, tileY + scale, text, Rgba.White, scale);
    }

    private static string Fit(string label, int width, int scale)
    {
        int fits = Draw.CharactersFitting(width, scale);
        return label.Length <= fits ? label : label[..fits];
    }

    private static void Paste(Image canvas, Image tile, int x, int y)
    {
        for (int row = 0; row < tile.Height; row++)
        {
            tile.Row(row).CopyTo(canvas.Row(y + row)[(x * 4)..]);
        }
    }
}
