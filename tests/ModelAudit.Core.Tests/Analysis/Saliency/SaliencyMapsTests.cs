using ModelAudit.Core.Analysis.Saliency;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging.Colormaps;

namespace ModelAudit.Core.Tests.Analysis.Saliency;

public sealed class SaliencyMapsTests
{
    private static readonly ImagePlacement Identity2x1 = new(2, 1, 2, 1, 1, 1, 0, 0);

    [Fact]
    public void ToHeat_Chw_IsMaxAbsoluteOverChannels()
    {
        // Two channels over a 2x1 plane: pixel 0 sees (-3, 1), pixel 1 sees (2, -0.5).
        var result = new SaliencyResult("a", 0, null, 1f, [2, 1, 2], [-3f, 2f, 1f, -0.5f], Identity2x1);

        Assert.Equal(new[] { 3f, 2f }, SaliencyMaps.ToHeat(result));
    }

    [Fact]
    public void ToHeat_Hwc_IsMaxAbsoluteOverChannels()
    {
        // Same numbers stored pixel by pixel: (-3, 1) then (2, -0.5).
        var result = new SaliencyResult("a", 0, null, 1f, [1, 2, 2], [-3f, 1f, 2f, -0.5f], Identity2x1, TensorLayout.Nhwc);

        Assert.Equal(new[] { 3f, 2f }, SaliencyMaps.ToHeat(result));
    }

    [Fact]
    public void Overlay_HottestPixelGetsTheTopColor()
    {
        var image = TinyModels.Solid(2, 1, 0, 0, 0);
        var result = new SaliencyResult("a", 0, null, 1f, [1, 1, 2], [0f, -4f], Identity2x1);

        var overlay = SaliencyMaps.Overlay(result, image, Colormap.Jet, alpha: 1f);

        // A black image plus 1.0 * jet: pixel 1 (|g| = 4, the max) is jet's last entry, pixel 0 (0) its first.
        Assert.Equal(Colormap.Jet[255].R, overlay.Pixels[4]);
        Assert.Equal(Colormap.Jet[0].B, overlay.Pixels[2]);
    }
}
