using ModelAudit.Core.Reporting.Maps;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;

namespace ModelAudit.Core.Tests.Reporting.Maps;

public sealed class MapPainterTests
{
    [Fact]
    public void Paint_BaselineWithTheLargerPeak_NowIsColouredOnTheBaselinesScale()
    {
        var picture = Grey(4, 1);
        float[] now = [0f, 1f, 2f, 2f];
        float[] baseline = [0f, 0f, 0f, 4f];

        var maps = MapPainter.Paint(picture, now, baseline, topPercent: 25);

        // One scale for both, the larger maximum (4): now's 2 is drawn at the middle of the colormap, not its top.
        Assert.Equal(4f, maps.Max);
        Assert.Equal(Pixels(MapOverlay.Render(picture, now, v => Colormap.Turbo.Map(Math.Max(0f, v) / 4f))), Pixels(PngDecoder.Decode(maps.Now, "now")));
        Assert.Equal(Pixels(MapOverlay.Render(picture, baseline, v => Colormap.Turbo.Map(Math.Max(0f, v) / 4f))), Pixels(PngDecoder.Decode(maps.Baseline!, "baseline")));
        // now - baseline = [0, 1, 2, -2]: the bar spans ±2.
        Assert.Equal(2f, maps.DifferenceSpan);
        Assert.Equal(Pixels(MapOverlay.Render(picture, [0f, 1f, 2f, -2f], v => Diverging.Map(v / 2f))), Pixels(PngDecoder.Decode(maps.Difference!, "difference")));
        Assert.Equal((4, 1), (maps.Width, maps.Height));
        Assert.NotEqual(maps.NowTop, maps.BaselineTop);
    }

    [Fact]
    public void Paint_NoBaseline_DrawsNowAloneOnItsOwnMaximum()
    {
        var maps = MapPainter.Paint(Grey(2, 2), [0f, 3f, 0f, 0f], null, topPercent: 25);

        Assert.Equal(3f, maps.Max);
        Assert.Null(maps.Baseline);
        Assert.Null(maps.Difference);
        Assert.Null(maps.BaselineTop);
        Assert.Equal(0f, maps.DifferenceSpan);
        Assert.NotEqual(string.Empty, maps.NowTop);
    }

    [Fact]
    public void Paint_MapNotAtThePicturesSize_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => MapPainter.Paint(Grey(4, 4), new float[4], null, topPercent: 20));

        Assert.Contains("4x4", e.Message, StringComparison.Ordinal);
    }

    private static Image Grey(int width, int height)
    {
        var image = new Image(width, height);
        image.Pixels.AsSpan().Fill(128);
        return image;
    }

    private static byte[] Pixels(Image image) => image.Pixels.ToArray();
}
