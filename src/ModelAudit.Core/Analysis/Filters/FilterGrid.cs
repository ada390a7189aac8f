using ModelAudit.Imaging;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>Filter patterns tiled as in the book: 8 a row, 5 black pixels between and around the tiles.</summary>
public static class FilterGrid
{
    public const int Columns = 8;

    public const int Margin = 5;

    public static Image Render(IReadOnlyList<FilterPattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count == 0)
        {
            throw new ArgumentException("There are no filter patterns to draw.", nameof(patterns));
        }

        return Grid.Tile(patterns.Select(p => p.Picture).ToList(), Columns, Margin, background: [0, 0, 0, 255]);
    }
}
