using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting.Maps;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// The maps of one card: the pictures <see cref="MapPainter"/> drew when the image was measured, with the numbers
/// their colour bars state and the outlines of their top p%.
/// </summary>
internal static class MapPanelBuilder
{
    // The bars' pictures depend on the colormaps alone (their numbers are text beside them): rendered once, not per card.
    private static readonly Lazy<DataUri> TurboBar = new(() => DataUri.Png(PngEncoder.Encode(ColourBar.Render(t => MapPainter.Colormap.Map(t), 0f, 1f))));
    private static readonly Lazy<DataUri> DivergingBar = new(() => DataUri.Png(PngEncoder.Encode(ColourBar.Render(Diverging.Map, -1f, 1f))));

    public static MapPanelView Build(ImageResult image)
    {
        var maps = image.Maps;
        var max = maps.Max;
        var baseline = maps.Baseline is not null;
        var bar = new ColourBarView(
            TurboBar.Value,
            MapPainter.Colormap.Name,
            MapScale.Label(max),
            MapScale.Label(max / 2),
            "0",
            baseline
                ? $"{MapPainter.Colormap.Name}, 0 to {MapScale.Label(max)}: now and baseline on one scale, the larger maximum"
                : $"{MapPainter.Colormap.Name}, 0 to {MapScale.Label(max)} (the map's maximum)");

        ColourBarView? diffBar = null;
        if (maps.Difference is not null)
        {
            var span = maps.DifferenceSpan;
            diffBar = new ColourBarView(
                DivergingBar.Value,
                Diverging.Name,
                "+" + MapScale.Label(span),
                "0",
                "−" + MapScale.Label(span),
                $"{Diverging.Name}, now − baseline, ±{MapScale.Label(span)}: red = more attention than the baseline, blue = less");
        }

        return new MapPanelView(
            maps.Width,
            maps.Height,
            DataUri.Png(maps.Now),
            maps.Baseline is { } b ? DataUri.Png(b) : null,
            maps.Difference is { } d ? DataUri.Png(d) : null,
            maps.NowTop,
            maps.BaselineTop,
            ReportText.Number(image.TopPercent),
            bar,
            diffBar);
    }
}
