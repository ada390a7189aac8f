using ModelAudit.Imaging.Processing;

namespace ModelAudit.Imaging.Tests.Processing;

public sealed class BlendTests
{
    [Fact]
    public void Overlay_BookSuperimpose_AddsScaledHeatAndClips()
    {
        var image = new Image(1, 1, [100, 200, 250, 77]);
        var heat = new Image(1, 1, [100, 101, 100, 255]);
        var result = Blend.Overlay(image, heat, 0.4f);
        // 100 + 40 = 140; 200 + 40.4 = 240.4 -> 240; 250 + 40 clipped to 255; base alpha kept.
        Assert.Equal([140, 240, 255, 77], result.Pixels);
        Assert.Equal([100, 200, 250, 77], image.Pixels);
    }

    [Fact]
    public void Overlay_ZeroAlpha_ReturnsBaseImage()
    {
        var image = new Image(2, 1, [1, 2, 3, 255, 4, 5, 6, 255]);
        var heat = new Image(2, 1, [255, 255, 255, 255, 255, 255, 255, 255]);
        Assert.Equal(image.Pixels, Blend.Overlay(image, heat, 0f).Pixels);
    }

    [Fact]
    public void Overlay_SizeMismatch_ThrowsNamingBothSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Blend.Overlay(new Image(2, 2), new Image(7, 7), 0.4f));
        Assert.Contains("2x2", e.Message, StringComparison.Ordinal);
        Assert.Contains("7x7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_NegativeAlpha_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Blend.Overlay(new Image(1, 1), new Image(1, 1), -0.1f));
    }

    [Fact]
    public void Over_OpaqueAndTransparentForeground_ReplaceOrKeep()
    {
        var background = new Image(2, 1, [10, 20, 30, 255, 10, 20, 30, 255]);
        var foreground = new Image(2, 1, [200, 100, 50, 255, 200, 100, 50, 0]);
        var result = Blend.Over(background, foreground);
        Assert.Equal([200, 100, 50, 255, 10, 20, 30, 255], result.Pixels);
    }

    [Fact]
    public void Over_HalfTransparentRedOnOpaqueBlue_MixesByAlpha()
    {
        // a = 128/255: red = 255a = 128, blue = 255(1 - a) = 127, result opaque.
        var result = Blend.Over(new Image(1, 1, [0, 0, 255, 255]), new Image(1, 1, [255, 0, 0, 128]));
        Assert.Equal([128, 0, 127, 255], result.Pixels);
    }

    [Fact]
    public void Over_SemiTransparentOnTransparent_KeepsForegroundColorAndAlpha()
    {
        var result = Blend.Over(new Image(1, 1, [9, 9, 9, 0]), new Image(1, 1, [30, 60, 90, 100]));
        Assert.Equal([30, 60, 90, 100], result.Pixels);
    }

    [Fact]
    public void Over_Opacity_ScalesForegroundAlpha()
    {
        // Opaque white at opacity 0.25 over opaque black: 255 * 0.25 = 63.75 -> 64.
        var result = Blend.Over(new Image(1, 1, [0, 0, 0, 255]), new Image(1, 1, [255, 255, 255, 255]), 0.25f);
        Assert.Equal([64, 64, 64, 255], result.Pixels);
    }

    [Fact]
    public void Over_OpacityAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Blend.Over(new Image(1, 1), new Image(1, 1), 1.5f));
    }
}
