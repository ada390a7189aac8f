using ModelAudit.Imaging.Processing;

namespace ModelAudit.Imaging.Tests.Processing;

public sealed class ResizerTests
{
    [Fact]
    public void Bilinear_SameSize_CopiesBitsExactly()
    {
        float[] src = [1.5f, float.NaN, -0f, 3e38f, 7, 8, float.Epsilon, -2, 9, 10, 11, 12];
        var dst = new float[src.Length];
        Resizer.Bilinear(src, 2, 2, 3, dst, 2, 2);
        Assert.Equal(src.Select(BitConverter.SingleToInt32Bits), dst.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(5, 4, 13, 9)]
    [InlineData(13, 9, 5, 4)]
    [InlineData(7, 7, 224, 224)]
    [InlineData(100, 3, 7, 11)]
    [InlineData(1, 1, 6, 2)]
    public void Bilinear_ConstantImage_StaysConstant(int srcW, int srcH, int dstW, int dstH)
    {
        var src = Enumerable.Repeat(0.7f, srcW * srcH * 2).ToArray();
        var dst = new float[dstW * dstH * 2];
        Resizer.Bilinear(src, srcW, srcH, 2, dst, dstW, dstH);
        Assert.All(dst, v => Assert.Equal(0.7f, v, 5e-6f));
    }

    [Fact]
    public void Bilinear_LinearRampEnlarged_InteriorFollowsRampExactly()
    {
        // f(x, y) = 3x + 5y + 1 at source pixel centers; bilinear reproduces any linear function between
        // centers. Output pixel i sits at source coordinate (i + 0.5) * src / dst - 0.5 (half-pixel centers).
        const int srcW = 5, srcH = 4, dstW = 13, dstH = 11;
        var src = new float[srcW * srcH];
        for (int y = 0; y < srcH; y++)
        {
            for (int x = 0; x < srcW; x++)
            {
                src[(y * srcW) + x] = (3 * x) + (5 * y) + 1;
            }
        }

        var dst = Resizer.Resize(src, srcW, srcH, dstW, dstH);
        int checkedPixels = 0;
        for (int y = 0; y < dstH; y++)
        {
            double sy = ((y + 0.5) * srcH / dstH) - 0.5;
            for (int x = 0; x < dstW; x++)
            {
                double sx = ((x + 0.5) * srcW / dstW) - 0.5;
                if (sx < 0 || sx > srcW - 1 || sy < 0 || sy > srcH - 1)
                {
                    continue;
                }

                Assert.Equal((3 * sx) + (5 * sy) + 1, dst[(y * dstW) + x], 1e-4);
                checkedPixels++;
            }
        }

        Assert.True(checkedPixels > 80, $"only {checkedPixels} interior pixels checked");
    }

    [Fact]
    public void Bilinear_Enlarge_MatchesHandComputedWeights()
    {
        // 3x3 -> 7x5. Output x = 1 sits at source x = 1.5 * 3/7 - 0.5 = 0.1429: weights 6/7 on column 0,
        // 1/7 on column 1. Output y = 0 sits at -0.2, above the first center: row 0 alone (edge clamp).
        // Output (3, 2) sits exactly on the source center (1, 1).
        float[] src = [1, 5, 2, 7, 3, 9, 4, 8, 6];
        var dst = Resizer.Resize(src, 3, 3, 7, 5);
        Assert.Equal((6f / 7 * 1) + (1f / 7 * 5), dst[1], 1e-5f);
        Assert.Equal(3f, dst[(2 * 7) + 3], 1e-5f);

        // Output (4, 1): x at 4.5*3/7-0.5 = 1.4286 -> 4/7 col 1 + 3/7 col 2; y at 1.5*3/5-0.5 = 0.4 -> 0.6 row 0 + 0.4 row 1.
        float row0 = (4f / 7 * 5) + (3f / 7 * 2);
        float row1 = (4f / 7 * 3) + (3f / 7 * 9);
        Assert.Equal((0.6f * row0) + (0.4f * row1), dst[(1 * 7) + 4], 1e-5f);
    }

    [Fact]
    public void Bilinear_Enlarge_MatchesPillow()
    {
        // Pillow 9.4: Image.fromarray(src, 'F').resize((7, 5), Image.BILINEAR)
        float[] src = [1, 5, 2, 7, 3, 9, 4, 8, 6];
        float[] pillow =
        [
            1f, 1.5714285f, 3.2857144f, 5f, 3.7142856f, 2.4285715f, 2f,
            3.4f, 3.5142856f, 3.857143f, 4.2f, 4.457143f, 4.714286f, 4.8f,
            7f, 6.428571f, 4.714286f, 3f, 5.571429f, 8.142858f, 9f,
            5.2f, 5.3142858f, 5.6571426f, 6f, 6.5142856f, 7.0285716f, 7.2f,
            4f, 4.571429f, 6.285714f, 8f, 7.142857f, 6.285714f, 6f,
        ];
        AssertClose(pillow, Resizer.Resize(src, 3, 3, 7, 5), 1e-5f);
    }

    [Fact]
    public void Bilinear_ShrinkByOneAndAHalf_MatchesPillowAntialiasing()
    {
        // Pillow 9.4, 6x4 -> 4x3, BILINEAR on mode 'F' (support widened by the 1.5 and 1.33 factors).
        float[] src =
        [
            1, 4, 9, 16, 8, 2,
            15, 13, 13, 15, 2, 8,
            16, 9, 4, 1, 0, 1,
            4, 9, 16, 8, 2, 15,
        ];
        float[] pillow =
        [
            5.7625f, 9.644444f, 11.922222f, 4.7f,
            13.8125f, 9.277778f, 5.7222223f, 3.1875f,
            8.125f, 10.544444f, 5.122222f, 7.275f,
        ];
        AssertClose(pillow, Resizer.Resize(src, 6, 4, 4, 3), 1e-4f);
    }

    [Fact]
    public void Bilinear_HalveTwoByTwo_EqualsBlockMean()
    {
        float[] src = [1, 2, 7, 10];
        Assert.Equal(5f, Resizer.Resize(src, 2, 2, 1, 1)[0], 1e-6f);
    }

    [Fact]
    public void Bilinear_HalveBlockImage_UsesWidenedTriangleNotBoxMeans()
    {
        // Halving widens the triangle to 4 taps (0.25, 0.75, 0.75, 0.25 before edge renormalization), so
        // a neighbouring block leaks in: output (0, 0) = (6/7)^2*0 + (6/7)(1/7)*8 + (1/7)(6/7)*4 + (1/7)^2*12,
        // equal to Pillow's 1.7142857. A box filter would give the block means 0, 8, 4, 12.
        float[] src = [0, 0, 8, 8, 0, 0, 8, 8, 4, 4, 12, 12, 4, 4, 12, 12];
        float a = 6f / 7, b = 1f / 7;
        float[] expected =
        [
            (a * b * 8) + (b * a * 4) + (b * b * 12),
            (a * a * 8) + (a * b * 12) + (b * b * 4),
            (a * a * 4) + (a * b * 12) + (b * b * 8),
            (a * a * 12) + (a * b * 8) + (a * b * 4),
        ];
        float[] pillow = [1.7142857f, 7.428571f, 4.5714283f, 10.285714f];
        var actual = Resizer.Resize(src, 4, 4, 2, 2);
        AssertClose(expected, actual, 1e-5f);
        AssertClose(pillow, actual, 1e-5f);
    }

    [Fact]
    public void Bilinear_Interleaved_EachChannelResizedAlone()
    {
        var rng = new Random(7);
        const int srcW = 9, srcH = 6, dstW = 4, dstH = 10, channels = 3;
        var interleaved = new float[srcW * srcH * channels];
        for (int i = 0; i < interleaved.Length; i++)
        {
            interleaved[i] = (float)rng.NextDouble();
        }

        var dst = new float[dstW * dstH * channels];
        Resizer.Bilinear(interleaved, srcW, srcH, channels, dst, dstW, dstH);
        for (int c = 0; c < channels; c++)
        {
            var plane = Enumerable.Range(0, srcW * srcH).Select(i => interleaved[(i * channels) + c]).ToArray();
            var alone = Resizer.Resize(plane, srcW, srcH, dstW, dstH);
            AssertClose(alone, Enumerable.Range(0, dstW * dstH).Select(i => dst[(i * channels) + c]).ToArray(), 1e-6f);
        }
    }

    [Fact]
    public void BilinearPlanar_SameAsInterleavedTransposed()
    {
        var rng = new Random(11);
        const int srcW = 5, srcH = 7, dstW = 12, dstH = 3, channels = 2;
        var planar = Enumerable.Range(0, srcW * srcH * channels).Select(_ => (float)rng.NextDouble()).ToArray();
        var planarOut = new float[dstW * dstH * channels];
        Resizer.BilinearPlanar(planar, srcW, srcH, channels, planarOut, dstW, dstH);
        for (int c = 0; c < channels; c++)
        {
            var alone = Resizer.Resize(planar.AsSpan(c * srcW * srcH, srcW * srcH), srcW, srcH, dstW, dstH);
            AssertClose(alone, planarOut.AsSpan(c * dstW * dstH, dstW * dstH).ToArray(), 0f);
        }
    }

    [Fact]
    public void Bilinear_WidthsOneTo256_MatchDirectTwoDimensionalReference()
    {
        var rng = new Random(3);
        for (int width = 1; width <= 256; width++)
        {
            int height = 1 + (width % 4);
            var src = Enumerable.Range(0, width * height).Select(_ => (float)rng.NextDouble()).ToArray();
            foreach (var (dstW, dstH) in new[] { (Math.Max(1, width / 3), height + 2), (width + 5, Math.Max(1, height - 1)) })
            {
                var expected = ReferenceResize(src, width, height, dstW, dstH);
                AssertClose(expected, Resizer.Resize(src, width, height, dstW, dstH), 2e-5f);
            }
        }
    }

    [Fact]
    public void Bilinear_WrongSourceLength_ThrowsArgumentException()
    {
        var dst = new float[4];
        Assert.Throws<ArgumentException>(() => Resizer.Bilinear(new float[5], 2, 2, 1, dst, 2, 2));
        Assert.Throws<ArgumentException>(() => Resizer.Bilinear(new float[4], 2, 2, 1, new float[3], 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resizer.Bilinear([], 0, 2, 1, dst, 2, 2));
    }

    [Fact]
    public void Resize_ImageSameSize_ReturnsEqualCopy()
    {
        var image = new Image(3, 2);
        new Random(5).NextBytes(image.Pixels);
        var resized = Resizer.Resize(image, 3, 2);
        Assert.NotSame(image.Pixels, resized.Pixels);
        Assert.Equal(image.Pixels, resized.Pixels);
    }

    [Fact]
    public void Resize_OpaqueConstantImage_StaysConstant()
    {
        var image = new Image(5, 3);
        for (int i = 0; i < image.Pixels.Length; i += 4)
        {
            image.Pixels[i] = 10;
            image.Pixels[i + 1] = 128;
            image.Pixels[i + 2] = 250;
            image.Pixels[i + 3] = 255;
        }

        var resized = Resizer.Resize(image, 17, 2);
        Assert.Equal(17, resized.Width);
        Assert.Equal(2, resized.Height);
        for (int i = 0; i < resized.Pixels.Length; i += 4)
        {
            Assert.Equal([10, 128, 250, 255], resized.Pixels[i..(i + 4)]);
        }
    }

    [Fact]
    public void Resize_TransparentNeighbour_DoesNotBleedItsColor()
    {
        // Opaque red beside fully transparent green: the in-between pixels fade out but stay red.
        var image = new Image(2, 1, [255, 0, 0, 255, 0, 255, 0, 0]);
        var resized = Resizer.Resize(image, 4, 1);
        byte[] alphas = [255, 191, 64, 0];
        for (int x = 0; x < 4; x++)
        {
            var px = resized.Pixels.AsSpan(x * 4, 4);
            Assert.Equal(alphas[x], px[3]);
            if (px[3] > 0)
            {
                Assert.Equal(255, px[0]);
                Assert.Equal(0, px[1]);
            }
        }
    }

    [Fact]
    public void Resize_Heatmap7x7ToImageSize_KeepsPeakNearItsCell()
    {
        var map = new float[49];
        map[(3 * 7) + 5] = 1f;
        var up = Resizer.Resize(map, 7, 7, 224, 224);
        int argmax = Array.IndexOf(up, up.Max());
        // Cell (5, 3) covers pixels 160..191 x 96..127; its center is at 176, 112.
        Assert.InRange(argmax % 224, 160, 191);
        Assert.InRange(argmax / 224, 96, 127);
        Assert.Equal(0f, up[0]);
    }

    private static float[] ReferenceResize(float[] src, int srcW, int srcH, int dstW, int dstH)
    {
        var result = new float[dstW * dstH];
        for (int y = 0; y < dstH; y++)
        {
            var wy = Taps(srcH, dstH, y);
            for (int x = 0; x < dstW; x++)
            {
                var wx = Taps(srcW, dstW, x);
                double sum = 0;
                for (int j = 0; j < srcH; j++)
                {
                    for (int i = 0; i < srcW; i++)
                    {
                        sum += wy[j] * wx[i] * src[(j * srcW) + i];
                    }
                }

                result[(y * dstW) + x] = (float)sum;
            }
        }

        return result;
    }

    // Weight of every source index for one output index: a triangle of half-width max(scale, 1)
    // around the output center, normalized over the source pixels inside the image.
    private static double[] Taps(int srcSize, int dstSize, int index)
    {
        double scale = (double)srcSize / dstSize;
        double width = Math.Max(scale, 1);
        double center = (index + 0.5) * scale;
        var w = new double[srcSize];
        for (int j = 0; j < srcSize; j++)
        {
            w[j] = Math.Max(0, 1 - (Math.Abs(j + 0.5 - center) / width));
        }

        double total = w.Sum();
        return w.Select(v => v / total).ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"index {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
