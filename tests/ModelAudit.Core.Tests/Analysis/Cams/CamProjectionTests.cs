using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;

namespace ModelAudit.Core.Tests.Analysis.Cams;

public sealed class CamProjectionTests
{
    [Fact]
    public void ToImage_StretchPlacement_HotCellLandsInTheMatchingImageQuadrant()
    {
        // 2x2 map, hot top-right cell; a 40x20 image stretched to an 8x8 tensor. The hot cell covers tensor
        // x 4..7, y 0..3, which is image x 20..39, y 0..9. Upsampled, tensor columns 6..7 and rows 0..1 are
        // exactly 1, so the first maximum is at image column 30 (centre 6.1 in tensor pixels), row 0.
        var placement = new ImagePlacement(40, 20, 8, 8, 8.0 / 40, 8.0 / 20, 0, 0);
        var result = Result(2, 2, [0, 1, 0, 0], placement);

        var map = CamProjection.ToImage(result);

        Assert.Equal(40 * 20, map.Length);
        var (x, y) = ArgMax(map, 40);
        Assert.Equal(0, y);
        Assert.InRange(x, 30, 39);
        Assert.True(map[(2 * 40) + 35] > 0.85f);
        Assert.Equal(0f, map[(19 * 40) + 0], 6);
    }

    [Fact]
    public void ToImage_PadPlacement_IgnoresThePaddedTensorColumns()
    {
        // PaddleOCR pad: a 10x10 image filled into the left 4 columns of an 8x4 tensor (scale 0.4). A 4x1 map
        // hot over the padding (right half) reaches the image only through bilinear blur at the boundary
        // (tensor column 3 = 0.25); hot over the left half it covers the image (0.75 at the boundary).
        var placement = new ImagePlacement(10, 10, 8, 4, 0.4, 0.4, 0, 0);

        var padding = CamProjection.ToImage(Result(4, 1, [0, 0, 1, 1], placement));
        var content = CamProjection.ToImage(Result(4, 1, [1, 1, 0, 0], placement));

        Assert.True(padding.Max() <= 0.25f + 1e-6f, $"padding leaked: {padding.Max()}");
        Assert.True(padding.Average() < 0.1f, $"padding leaked: {padding.Average()}");
        Assert.True(content.Min() >= 0.75f - 1e-6f, $"content dimmed: {content.Min()}");
    }

    [Fact]
    public void ToImage_LetterboxPlacement_ShiftsByTheOffset()
    {
        // A 20x10 image letterboxed into 8x8: 8x4 content at y offset 2 (rows 2..5). A 4x4 map hot at row 1,
        // column 0 covers tensor rows 2..3, columns 0..1: the top-left quarter of the image's rows 0..4, x 0..4.
        var placement = new ImagePlacement(20, 10, 8, 8, 0.4, 0.4, 0, 2);
        var map = new float[16];
        map[4] = 1;

        var image = CamProjection.ToImage(Result(4, 4, map, placement));

        var (x, y) = ArgMax(image, 20);
        Assert.InRange(x, 0, 4);
        Assert.InRange(y, 0, 4);
        Assert.True(image[(9 * 20) + 19] < 0.05f);
        // The letterbox bars (tensor rows 0..1 and 6..7) are not part of the image: a map hot only there is invisible.
        var bars = new float[16];
        bars[0] = bars[1] = bars[2] = bars[3] = 1;
        Assert.True(CamProjection.ToImage(Result(4, 4, bars, placement)).Max() < 0.3f);
    }

    [Fact]
    public void ToImage_CenterCropPlacement_OutsideTheCropIsZero()
    {
        // A 16x8 image scaled to 8x4 and cropped to the central 4x4 (x offset -2): image columns 0..3 and
        // 12..15 were never seen.
        var placement = new ImagePlacement(16, 8, 4, 4, 0.5, 0.5, -2, 0);

        var image = CamProjection.ToImage(Result(1, 1, [1], placement));

        Assert.Equal(0f, image[0]);
        Assert.Equal(0f, image[15]);
        Assert.Equal(1f, image[(4 * 16) + 8], 5);
    }

    [Fact]
    public void Overlay_HotCell_IsTheColormapTopBlendedOverTheImage()
    {
        // Grey 100 image, 1x2 map (0, 3) on a 2x1 image stretched to a 2x1 tensor: pixel 1 gets the jet top
        // color at 0.4, pixel 0 the jet bottom color, both added to 100 and clipped.
        var original = new Image(2, 1, [100, 100, 100, 255, 100, 100, 100, 255]);
        var result = Result(2, 1, [0, 3], new ImagePlacement(2, 1, 2, 1, 1, 1, 0, 0));

        var overlay = CamProjection.Overlay(original, result, Colormap.Jet);

        var top = Colormap.Jet[255];
        var bottom = Colormap.Jet[0];
        Assert.Equal(Blend(100, top.R), overlay.Pixels[4]);
        Assert.Equal(Blend(100, top.G), overlay.Pixels[5]);
        Assert.Equal(Blend(100, top.B), overlay.Pixels[6]);
        Assert.Equal(Blend(100, bottom.B), overlay.Pixels[2]);
    }

    [Fact]
    public void Overlay_WrongImageSize_Throws()
    {
        var result = Result(1, 1, [1], new ImagePlacement(4, 4, 4, 4, 1, 1, 0, 0));

        Assert.Throws<ArgumentException>(() => CamProjection.Overlay(new Image(3, 4), result, Colormap.Jet));
    }

    private static byte Blend(int image, int heat) => (byte)Math.Min(255, (int)(image + (0.4f * heat) + 0.5f));

    private static CamResult Result(int width, int height, float[] map, ImagePlacement placement) =>
        new("test", 0, null, 1, 1, 0, 1, "layer", width, height, map, placement);

    private static (int X, int Y) ArgMax(float[] map, int width)
    {
        var best = Array.IndexOf(map, map.Max());
        return (best % width, best / width);
    }
}
