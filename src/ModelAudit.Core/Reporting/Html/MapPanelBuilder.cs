using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting.Maps;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// The maps of one card, rendered from the measured numbers: now and baseline over the grey picture on one scale
/// (the larger maximum), their difference on a symmetric diverging scale, the top-p% outlines, and the colour bars.
/// </summary>
internal static class MapPanelBuilder
{
    public static readonly Colormap Colormap = Colormap.Turbo;

    // The bars' pictures depend on the colormaps alone (their numbers are text beside them): rendered once, not per card.
    private static readonly Lazy<DataUri> TurboBar = new(() => Png(ColourBar.Render(t => Colormap.Map(t), 0f, 1f)));
    private static readonly Lazy<DataUri> DivergingBar = new(() => Png(ColourBar.Render(Diverging.Map, -1f, 1f)));

    public static MapPanelView Build(ImageResult image)
    {
        // The audit still holds the thumbnail it encoded; a merged report has only the PNG.
        var picture = image.Thumbnail ?? ImageDecoder.Decode(image.ImagePng, image.Path);
        var now = Fit(image.PictureMap, image, picture);
        var baseline = image.BaselinePictureMap is { } b ? Fit(b, image, picture) : null;

        var max = Math.Max(MapScale.Max(now), baseline is null ? 0f : MapScale.Max(baseline));
        var scale = max > 0 ? max : 1f;
        Rgba Heat(float v) => Colormap.Map(Math.Max(0f, v) / scale);

        var nowUri = Png(MapOverlay.Render(picture, now, Heat));
        var baselineUri = baseline is null ? null : Png(MapOverlay.Render(picture, baseline, Heat));
        var bar = new ColourBarView(
            TurboBar.Value,
            Colormap.Name,
            MapScale.Label(max),
            MapScale.Label(max / 2),
            "0",
            baseline is null
                ? $"{Colormap.Name}, 0 to {MapScale.Label(max)} (the map's maximum)"
                : $"{Colormap.Name}, 0 to {MapScale.Label(max)}: now and baseline on one scale, the larger maximum");

        DataUri? diffUri = null;
        ColourBarView? diffBar = null;
        if (baseline is not null)
        {
            var diff = new float[now.Length];
            for (var i = 0; i < diff.Length; i++)
            {
                diff[i] = Math.Max(0f, now[i]) - Math.Max(0f, baseline[i]);
            }

            var span = MapScale.MaxAbs(diff);
            var diffScale = span > 0 ? span : 1f;
            diffUri = Png(MapOverlay.Render(picture, diff, v => Diverging.Map(v / diffScale)));
            diffBar = new ColourBarView(
                DivergingBar.Value,
                Diverging.Name,
                "+" + MapScale.Label(span),
                "0",
                "−" + MapScale.Label(span),
                $"{Diverging.Name}, now − baseline, ±{MapScale.Label(span)}: red = more attention than the baseline, blue = less");
        }

        return new MapPanelView(
            picture.Width,
            picture.Height,
            nowUri,
            baselineUri,
            diffUri,
            TopRegion.Outline(TopRegion.Mask(now, image.TopPercent), picture.Width, picture.Height),
            baseline is null ? null : TopRegion.Outline(TopRegion.Mask(baseline, image.TopPercent), picture.Width, picture.Height),
            ReportText.Number(image.TopPercent),
            bar,
            diffBar);
    }

    // The maps travel at the picture's size; a result from another source is resampled rather than misdrawn.
    private static float[] Fit(float[] map, ImageResult image, Image picture)
    {
        if (map.Length == picture.Width * picture.Height)
        {
            return map;
        }

        if (image.PictureMapWidth * image.PictureMapHeight != map.Length || map.Length == 0)
        {
            return new float[picture.Width * picture.Height];
        }

        return Imaging.Processing.Resizer.Resize(map, image.PictureMapWidth, image.PictureMapHeight, picture.Width, picture.Height);
    }

    private static DataUri Png(Image image) => DataUri.Png(PngEncoder.Encode(image));
}
