using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Tests.Preprocessing;

/// <summary>Golden values computed by hand for every resize mode, layout and channel order.</summary>
public sealed class PreprocessorTests
{
    private static Image Pixels(int width, int height, params (byte R, byte G, byte B)[] pixels)
    {
        var image = new Image(width, height);
        for (var i = 0; i < pixels.Length; i++)
        {
            (image.Pixels[i * 4], image.Pixels[(i * 4) + 1], image.Pixels[(i * 4) + 2], image.Pixels[(i * 4) + 3]) =
                (pixels[i].R, pixels[i].G, pixels[i].B, 255);
        }

        return image;
    }

    private static PreprocessSpec Spec(int w, int h, ResizeMode mode = ResizeMode.Stretch) => new()
    {
        Width = w,
        Height = h,
        Resize = mode,
        Scale = 1f,
        Mean = [0f, 0f, 0f],
        Std = [1f, 1f, 1f],
    };

    [Fact]
    public void Fill_SameSizeStretch_NormalizesEachChannelInNchw()
    {
        var image = Pixels(2, 1, (10, 20, 30), (40, 50, 60));
        var spec = Spec(2, 1) with { Scale = 1f / 255f, Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.25f, 0.5f] };
        var tensor = new float[6];

        Preprocessor.Fill(image, spec, tensor);

        float N(float p, float m, float s) => ((p / 255f) - m) / s;
        Assert.Equal(
            new[] { N(10, .5f, .5f), N(40, .5f, .5f), N(20, .5f, .25f), N(50, .5f, .25f), N(30, .5f, .5f), N(60, .5f, .5f) },
            tensor, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Fill_BgrNhwc_SwapsRedAndBlueAndInterleaves()
    {
        var image = Pixels(2, 1, (1, 2, 3), (4, 5, 6));
        var spec = Spec(2, 1) with { Channels = ChannelOrder.Bgr, Layout = TensorLayout.Nhwc };
        var tensor = new float[6];

        Preprocessor.Fill(image, spec, tensor);

        Assert.Equal(new float[] { 3, 2, 1, 6, 5, 4 }, tensor);
    }

    [Fact]
    public void Fill_Grey_UsesBt601Luma()
    {
        var image = Pixels(1, 1, (100, 200, 50));
        var spec = Spec(1, 1) with { ChannelCount = 1 };
        var tensor = new float[1];

        Preprocessor.Fill(image, spec, tensor);

        Assert.Equal((0.299f * 100) + (0.587f * 200) + (0.114f * 50), tensor[0], 3);
    }

    [Fact]
    public void Fill_Letterbox_CentersAndPads()
    {
        // 2x1 into 4x4: scale 2 -> 4x2 at rows 1..2. Enlarging [a, b] to 4 samples with half-pixel
        // centers samples at -0.25, 0.25, 0.75, 1.25 -> a, .75a+.25b, .25a+.75b, b.
        var image = Pixels(2, 1, (0, 0, 0), (200, 200, 200));
        var spec = Spec(4, 4, ResizeMode.Letterbox) with { PadValue = 7 };
        var tensor = new float[3 * 16];

        var placement = Preprocessor.Fill(image, spec, tensor);

        var red = tensor.AsSpan(0, 16).ToArray();
        Assert.Equal(new float[] { 7, 7, 7, 7, 0, 50, 150, 200, 0, 50, 150, 200, 7, 7, 7, 7 }, red, new FloatTolerance(1e-3f));
        Assert.Equal((0, 1, 4, 2), placement.ContentRect);
    }

    [Fact]
    public void Fill_Pad_AnchorsTopLeftAndPadsRight()
    {
        // 2x1 into 8x2: scale min(4, 2) = 2 -> 4x2 in the left half, the right half padded.
        var image = Pixels(2, 1, (0, 0, 0), (200, 200, 200));
        var spec = Spec(8, 2, ResizeMode.Pad) with { PadValue = 9 };
        var tensor = new float[3 * 16];

        var placement = Preprocessor.Fill(image, spec, tensor);

        var red = tensor.AsSpan(0, 16).ToArray();
        Assert.Equal(new float[] { 0, 50, 150, 200, 9, 9, 9, 9, 0, 50, 150, 200, 9, 9, 9, 9 }, red, new FloatTolerance(1e-3f));
        Assert.Equal((0, 0, 4, 2), placement.ContentRect);
    }

    [Fact]
    public void Fill_CenterCrop_KeepsTheMiddle()
    {
        // 4x2 into 2x2: the short side already fits (scale 1), so the middle two columns are kept.
        var image = Pixels(4, 2, (1, 0, 0), (2, 0, 0), (3, 0, 0), (4, 0, 0), (5, 0, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0));
        var spec = Spec(2, 2, ResizeMode.CenterCrop);
        var tensor = new float[3 * 4];

        var placement = Preprocessor.Fill(image, spec, tensor);

        Assert.Equal(new float[] { 2, 3, 6, 7 }, tensor.AsSpan(0, 4).ToArray());
        Assert.Equal(-1, placement.OffsetX);
    }

    [Fact]
    public void Fill_Stretch_PlacementMapsImageOntoWholeTensor()
    {
        var image = Pixels(4, 2, Enumerable.Repeat(((byte)9, (byte)9, (byte)9), 8).ToArray());
        var placement = Preprocessor.Fill(image, Spec(8, 8), new float[3 * 64]);

        Assert.Equal((2.0, 4.0), (placement.ScaleX, placement.ScaleY));
        Assert.Equal((0, 0, 8, 8), placement.ContentRect);
    }

    [Fact]
    public void Batch_StacksImagesAlongTheFirstAxis()
    {
        var a = Pixels(1, 1, (1, 2, 3));
        var b = Pixels(1, 1, (4, 5, 6));

        var (data, shape, _) = Preprocessor.Batch([a, b], Spec(1, 1));

        Assert.Equal(new long[] { 2, 3, 1, 1 }, shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, data);
    }
}
