using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Tests.Preprocessing;

public sealed class PreprocessorPlaceTests
{
    /// <summary>Into 32x24, by hand: letterbox 30x90 scales by 24/90 to 8x24, centred 12 px in; pad 200x10 is squeezed to
    /// the full 32 width; centre-crop 30x90 scales by 32/30 to 32x96 and is cut 36 px from the top.</summary>
    [Theory]
    [InlineData(ResizeMode.Stretch, 64, 48, 32.0 / 64, 24.0 / 48, 0, 0)]
    [InlineData(ResizeMode.Letterbox, 30, 90, 8.0 / 30, 24.0 / 90, 12, 0)]
    [InlineData(ResizeMode.Pad, 200, 10, 32.0 / 200, 24.0 / 10, 0, 0)]
    [InlineData(ResizeMode.Pad, 30, 90, 8.0 / 30, 24.0 / 90, 0, 0)]
    [InlineData(ResizeMode.CenterCrop, 30, 90, 32.0 / 30, 96.0 / 90, 0, -36)]
    public void Place_ImageSize_GivesTheHandComputedScaleAndOffset(ResizeMode mode, int w, int h, double sx, double sy, double ox, double oy)
    {
        var placement = Preprocessor.Place(w, h, new PreprocessSpec { Width = 32, Height = 24, Resize = mode });

        Assert.Equal(sx, placement.ScaleX, 12);
        Assert.Equal(sy, placement.ScaleY, 12);
        Assert.Equal(ox, placement.OffsetX, 12);
        Assert.Equal(oy, placement.OffsetY, 12);
    }

    /// <summary>The layer is chosen from sizes, the maps are made from pixels: both must place an image alike.</summary>
    [Theory]
    [InlineData(ResizeMode.Stretch)]
    [InlineData(ResizeMode.Letterbox)]
    [InlineData(ResizeMode.Pad)]
    [InlineData(ResizeMode.CenterCrop)]
    public void Place_EveryResizeMode_EqualsThePlacementOfTheDecodedPixels(ResizeMode mode)
    {
        var spec = new PreprocessSpec { Width = 32, Height = 24, Resize = mode };
        foreach (var (w, h) in new[] { (64, 48), (30, 90), (7, 5), (200, 10), (32, 24), (1, 1), (500, 3) })
        {
            var (_, placement) = Preprocessor.Fit(new Image(w, h), spec);

            Assert.Equal(placement, Preprocessor.Place(w, h, spec));
        }
    }
}
