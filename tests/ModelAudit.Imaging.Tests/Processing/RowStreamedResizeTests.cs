using ModelAudit.Imaging.Processing;

namespace ModelAudit.Imaging.Tests.Processing;

/// <summary>
/// The byte-row resize against the straightforward path it replaces: convert the whole image to floats, then
/// <see cref="Resizer.Bilinear"/> (itself checked against Pillow and a direct 2-D reference). Bit-identical is
/// the bar, because the audit's numbers must not move when the memory they take does.
/// </summary>
public sealed class RowStreamedResizeTests
{
    // Shrink, enlarge, each axis alone, unchanged, single pixels and thin strips: every branch of the separable pass.
    public static TheoryData<int, int, int, int> Sizes => new()
    {
        { 40, 30, 7, 5 },
        { 7, 5, 40, 30 },
        { 40, 30, 40, 9 },
        { 40, 30, 11, 30 },
        { 13, 9, 13, 9 },
        { 1, 1, 6, 4 },
        { 9, 1, 1, 1 },
        { 1, 17, 3, 2 },
        { 64, 3, 5, 60 },
        { 97, 61, 32, 32 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BilinearRgb_AnySize_BitIdenticalToWholeFloatCopy(int srcW, int srcH, int dstW, int dstH)
    {
        var image = Noise(srcW, srcH, seed: srcW * 31 + srcH);
        var floats = new float[srcW * srcH * 3];
        for (int p = 0; p < srcW * srcH; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                floats[(p * 3) + c] = image.Pixels[(p * 4) + c];
            }
        }

        var expected = new float[dstW * dstH * 3];
        Resizer.Bilinear(floats, srcW, srcH, 3, expected, dstW, dstH);
        var actual = new float[dstW * dstH * 3];
        Resizer.BilinearRgb(image, actual, dstW, dstH);

        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Run_PremultipliedRgba_BitIdenticalToWholeFloatCopy(int srcW, int srcH, int dstW, int dstH)
    {
        var image = Noise(srcW, srcH, seed: srcW + (srcH * 131));
        var floats = new float[srcW * srcH * 4];
        for (int i = 0; i < floats.Length; i += 4)
        {
            var alpha = image.Pixels[i + 3] / 255f;
            for (int c = 0; c < 3; c++)
            {
                floats[i + c] = image.Pixels[i + c] * alpha;
            }

            floats[i + 3] = image.Pixels[i + 3];
        }

        var expected = new float[dstW * dstH * 4];
        Resizer.Bilinear(floats, srcW, srcH, 4, expected, dstW, dstH);
        var actual = new float[dstW * dstH * 4];
        RowStreamedResize.Run(image, RowFormat.PremultipliedRgba, actual, dstW, dstH);

        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Fact]
    public void BilinearRgb_TwoByTwoHalved_IsTheMeanOfEachChannel()
    {
        var image = new Image(2, 2, [10, 20, 30, 255, 50, 60, 70, 0, 90, 100, 110, 255, 130, 140, 150, 9]);
        var rgb = new float[3];
        Resizer.BilinearRgb(image, rgb, 1, 1);
        // Alpha does not weigh the colour of a model's input.
        Assert.Equal([70f, 80f, 90f], rgb);
    }

    [Fact]
    public void BilinearRgb_WrongDestinationLength_ThrowsArgumentException()
    {
        var image = new Image(4, 4);
        Assert.Throws<ArgumentException>(() => Resizer.BilinearRgb(image, new float[2 * 2 * 4], 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resizer.BilinearRgb(image, [], 0, 2));
    }

    private static Image Noise(int width, int height, int seed)
    {
        var image = new Image(width, height);
        new Random(seed).NextBytes(image.Pixels);
        // Fully transparent and fully opaque pixels are the edge cases of premultiplying.
        image.Pixels[3] = 0;
        image.Pixels[^1] = 255;
        return image;
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
