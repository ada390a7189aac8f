namespace ModelAudit.Core.Audit.Regions;

/// <summary>
/// Turns expected regions into one flag per image pixel (row-major), the union of all regions.
/// Boxes and polygons use the same rule, so a box equals the polygon of its corners: a pixel is inside
/// when its center (x + 0.5, y + 0.5) is inside the shape (even-odd rule, half-open on the right and
/// bottom edges, so shapes that share an edge never both claim a pixel).
/// </summary>
public static class RegionMask
{
    public static bool[] Rasterize(IReadOnlyList<Region> regions, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var mask = new bool[width * height];
        foreach (var region in regions)
        {
            switch (region)
            {
                case BoxRegion box:
                    FillPolygon(mask, width, height, box.Shape().Points);
                    break;
                case PolygonRegion polygon:
                    FillPolygon(mask, width, height, polygon.Points);
                    break;
                case MaskRegion maskRegion:
                    FillMask(mask, width, height, maskRegion);
                    break;
                default:
                    throw new ArgumentException($"unknown region type {region.GetType().Name}", nameof(regions));
            }
        }

        return mask;
    }

    private static void FillPolygon(bool[] mask, int width, int height, IReadOnlyList<(double X, double Y)> points)
    {
        var crossings = new List<double>();
        for (var y = 0; y < height; y++)
        {
            var cy = y + 0.5;
            crossings.Clear();
            for (var i = 0; i < points.Count; i++)
            {
                var (x0, y0) = points[i];
                var (x1, y1) = points[(i + 1) % points.Count];
                // Half-open in y: an edge counts when the center line is in [min, max), so vertices on the
                // line are counted once and horizontal edges never.
                if ((y0 <= cy && cy < y1) || (y1 <= cy && cy < y0))
                {
                    crossings.Add(x0 + ((cy - y0) / (y1 - y0) * (x1 - x0)));
                }
            }

            crossings.Sort();
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                // Centers x + 0.5 in [left, right).
                var first = (int)Math.Clamp(Math.Ceiling(crossings[k] - 0.5), 0, width);
                var end = (int)Math.Clamp(Math.Ceiling(crossings[k + 1] - 0.5), 0, width);
                for (var x = first; x < end; x++)
                {
                    mask[(y * width) + x] = true;
                }
            }
        }
    }

    private static void FillMask(bool[] mask, int width, int height, MaskRegion region)
    {
        var image = MaskImage.Load(region);
        if (image.Width != width || image.Height != height)
        {
            throw MaskImage.Error(region, $"mask {region.Path} is {image.Width}x{image.Height} but the image is {width}x{height}; a mask must have the image's size");
        }

        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] |= image.Inside[i];
        }
    }
}
