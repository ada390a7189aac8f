using ModelAudit.Core.Audit.Results;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Reporting.Maps;

/// <summary>
/// Draws an image's maps for the report: now and baseline over the grey picture on one scale (the larger maximum),
/// their difference on a symmetric diverging scale, and the top-p% outlines. Run when the image is measured, so the
/// audit keeps the PNGs rather than the picture and the maps.
/// </summary>
internal static class MapPainter
{
    public static readonly Colormap Colormap = Colormap.Turbo;

    /// <param name="picture">The thumbnail the maps are drawn over.</param>
    /// <param name="now">The map now at the picture's size (after ReLU, unnormalized).</param>
    /// <param name="baseline">The baseline's map at the picture's size, when a baseline exists.</param>
    /// <param name="topPercent">The p of the top-p% outlines.</param>
    public static MapPictures Paint(Image picture, float[] now, float[]? baseline, double topPercent)
    {
        var pixels = picture.Width * picture.Height;
        if (now.Length != pixels || (baseline is not null && baseline.Length != pixels))
        {
            throw new ArgumentException($"the maps must be at the picture's size, {picture.Width}x{picture.Height}");
        }

        var max = Math.Max(MapScale.Max(now), baseline is null ? 0f : MapScale.Max(baseline));
        var scale = max > 0 ? max : 1f;
        Rgba Heat(float v) => Colormap.Map(Math.Max(0f, v) / scale);

        byte[]? difference = null;
        var span = 0f;
        if (baseline is not null)
        {
            var diff = new float[now.Length];
            for (var i = 0; i < diff.Length; i++)
            {
                diff[i] = Math.Max(0f, now[i]) - Math.Max(0f, baseline[i]);
            }

            span = MapScale.MaxAbs(diff);
            var diffScale = span > 0 ? span : 1f;
            difference = PngEncoder.Encode(MapOverlay.Render(picture, diff, v => Diverging.Map(v / diffScale)));
        }

        return new MapPictures(
            picture.Width,
            picture.Height,
            PngEncoder.Encode(MapOverlay.Render(picture, now, Heat)),
            baseline is null ? null : PngEncoder.Encode(MapOverlay.Render(picture, baseline, Heat)),
            difference,
            TopRegion.Outline(TopRegion.Mask(now, topPercent), picture.Width, picture.Height),
            baseline is null ? null : TopRegion.Outline(TopRegion.Mask(baseline, topPercent), picture.Width, picture.Height),
            max,
            span);
    }
}
