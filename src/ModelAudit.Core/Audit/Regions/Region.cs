using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>An expected region in original image pixels: a box, a polygon or a mask image.</summary>
public abstract record Region
{
    /// <summary>The outline the reports draw.</summary>
    public abstract RegionShape Shape();
}

/// <summary>[x, y, w, h]: covers the pixels whose centers lie in [x, x+w) x [y, y+h).</summary>
public sealed record BoxRegion(double X, double Y, double Width, double Height) : Region
{
    public override RegionShape Shape() =>
        new("box", [(X, Y), (X + Width, Y), (X + Width, Y + Height), (X, Y + Height)]);
}

/// <summary>A closed polygon (even-odd rule at pixel centers); at least three points.</summary>
public sealed record PolygonRegion(IReadOnlyList<(double X, double Y)> Points) : Region
{
    public override RegionShape Shape() => new("polygon", Points);

    public bool Equals(PolygonRegion? other) => other is not null && Points.SequenceEqual(other.Points);

    public override int GetHashCode() => Points.Count;
}

/// <summary>
/// A mask image the size of the audited image: a pixel is inside when it is not transparent and any
/// of R, G, B is non-zero.
/// </summary>
public sealed record MaskRegion(string Path, string FullPath) : Region
{
    /// <summary>Where the mask is named (config file and entry), for errors found when it is rasterized.</summary>
    public string? ConfigFile { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>The bounding box of the mask's inside pixels (the reports draw an outline, not the mask).</summary>
    public override RegionShape Shape()
    {
        var mask = MaskImage.Load(this);
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                if (mask.Inside[(y * mask.Width) + x])
                {
                    minX = Math.Min(minX, x);
                    minY = Math.Min(minY, y);
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        return maxX < 0
            ? new RegionShape("mask", [])
            : new RegionShape("mask", [(minX, minY), (maxX + 1, minY), (maxX + 1, maxY + 1), (minX, maxY + 1)]);
    }
}
