using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Layers;

/// <summary>
/// An expected region's bounding box in its image's pixels, with the scale that image gets into the model's input:
/// what two map cells must not exceed for the region to be able to hold the map's mass.
/// </summary>
/// <param name="Kind">"box", "polygon" or "mask" (the mask's bounding box).</param>
internal sealed record RegionExtent(string Image, string Kind, double Width, double Height, double ScaleX, double ScaleY)
{
    /// <summary>How many times the region a cell of <paramref name="cellWidth"/> x <paramref name="cellHeight"/> input pixels is, on its worse axis (above 1: it does not fit).</summary>
    public double Overflow(double cellWidth, double cellHeight) => Math.Max(cellWidth / (Width * ScaleX), cellHeight / (Height * ScaleY));

    /// <summary>
    /// The regions of the images whose size the header tells. A region or image that cannot be read yet is left
    /// out: the audit reports it at its entry when it measures the image.
    /// </summary>
    public static IReadOnlyList<RegionExtent> Of(IEnumerable<ImageEntry> images, PreprocessSpec spec)
    {
        var extents = new List<RegionExtent>();
        foreach (var image in images.Where(i => i.Regions.Count > 0))
        {
            if (ImageSizeReader.TryRead(image.FullPath) is not { } size)
            {
                continue;
            }

            var placement = Preprocessor.Place(size.Width, size.Height, spec);
            var (sx, sy) = (placement.ScaleX, placement.ScaleY);
            foreach (var region in image.Regions)
            {
                Results.RegionShape shape;
                try
                {
                    shape = region.Shape();
                }
                catch (ModelAuditException)
                {
                    continue;
                }

                if (shape.Points.Count == 0)
                {
                    continue;
                }

                // Clipped to the image: only the part the picture shows can hold any of the map.
                var x0 = Math.Max(0, shape.Points.Min(p => p.X));
                var x1 = Math.Min(size.Width, shape.Points.Max(p => p.X));
                var y0 = Math.Max(0, shape.Points.Min(p => p.Y));
                var y1 = Math.Min(size.Height, shape.Points.Max(p => p.Y));
                if (x1 > x0 && y1 > y0)
                {
                    extents.Add(new RegionExtent(image.Path, shape.Kind, x1 - x0, y1 - y0, sx, sy));
                }
            }
        }

        return extents;
    }
}
