namespace ModelAudit.Imaging.Drawing;

/// <summary>
/// Where each tile of a grid goes: equal tiles in rows of <see cref="Columns"/>, <see cref="Margin"/>
/// pixels between tiles and around the grid, and an optional label band under every tile. Public so
/// reports can point at a tile of a picture they did not draw.
/// </summary>
public sealed class GridLayout
{
    /// <param name="columns">Tiles per row; fewer tiles than this make a single, narrower row.</param>
    public GridLayout(int tileWidth, int tileHeight, int count, int columns, int margin, int labelHeight = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        ArgumentOutOfRangeException.ThrowIfNegative(labelHeight);

        TileWidth = tileWidth;
        TileHeight = tileHeight;
        Count = count;
        Columns = Math.Min(columns, count);
        Rows = (count + Columns - 1) / Columns;
        Margin = margin;
        LabelHeight = labelHeight;
        Width = checked((Columns * tileWidth) + ((Columns + 1) * margin));
        Height = checked((Rows * (tileHeight + labelHeight)) + ((Rows + 1) * margin));
    }

    public int TileWidth { get; }

    public int TileHeight { get; }

    public int Count { get; }

    public int Columns { get; }

    public int Rows { get; }

    public int Margin { get; }

    /// <summary>Height of the band under each tile reserved for its label; 0 when none.</summary>
    public int LabelHeight { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Top-left pixel of tile <paramref name="index"/>, filled row by row.</summary>
    public (int X, int Y) TileOrigin(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int column = index % Columns;
        int row = index / Columns;
        return (Margin + (column * (TileWidth + Margin)), Margin + (row * (TileHeight + LabelHeight + Margin)));
    }

    /// <summary>Top-left pixel of the label band under tile <paramref name="index"/>.</summary>
    public (int X, int Y) LabelOrigin(int index)
    {
        var (x, y) = TileOrigin(index);
        return (x, y + TileHeight);
    }
}
