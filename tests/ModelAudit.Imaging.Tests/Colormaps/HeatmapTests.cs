using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Imaging.Tests.Colormaps;

public sealed class HeatmapTests
{
    [Fact]
    public void ToRgba_ConstantMap_AllLowestColor()
    {
        var image = Heatmap.ToRgba([4f, 4f, 4f, 4f, 4f, 4f], 3, 2, Colormap.Viridis);
        Assert.Equal(3, image.Width);
        Assert.Equal(2, image.Height);
        AssertAll(image, _ => Colormap.Viridis[0]);
    }

    [Fact]
    public void ToRgba_AutoRange_SpreadsMinToMax()
    {
        // (v - 0) / 3 * 256 -> entries 0, 85, 170, 255.
        var image = Heatmap.ToRgba([0f, 1f, 2f, 3f], 2, 2, Colormap.Jet);
        int[] entries = [0, 85, 170, 255];
        AssertAll(image, i => Colormap.Jet[entries[i]]);
    }

    [Fact]
    public void ToRgba_ExplicitRange_ClampsOutside()
    {
        // min 10, max 20: 5 -> below, 15 -> middle (entry 128), 25 -> above.
        var image = Heatmap.ToRgba([5f, 15f, 25f], 3, 1, Colormap.Turbo, 10f, 20f);
        int[] entries = [0, 128, 255];
        AssertAll(image, i => Colormap.Turbo[entries[i]]);
    }

    [Fact]
    public void ToRgba_NaNAndInfinity_IgnoredForRangeAndNeverThrow()
    {
        var image = Heatmap.ToRgba([float.NaN, 2f, 6f, float.PositiveInfinity, float.NegativeInfinity, 4f], 6, 1, Colormap.Viridis);
        int[] entries = [0, 0, 255, 255, 0, 128];
        AssertAll(image, i => Colormap.Viridis[entries[i]]);
    }

    [Fact]
    public void ToRgba_AllNaN_LowestColor()
    {
        var image = Heatmap.ToRgba([float.NaN, float.NaN], 1, 2, Colormap.Viridis);
        AssertAll(image, _ => Colormap.Viridis[0]);
    }

    [Fact]
    public void ToRgba_WrongLength_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Heatmap.ToRgba([1f, 2f, 3f], 2, 2, Colormap.Jet));
    }

    [Fact]
    public void ToRgba_RampsOfLength1To256_EndAtTheExtremeColors()
    {
        for (int n = 1; n <= 256; n++)
        {
            var ramp = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
            var image = Heatmap.ToRgba(ramp, n, 1, Colormap.Turbo);
            Assert.Equal(Colormap.Turbo[0], Pixel(image, 0));
            Assert.Equal(n == 1 ? Colormap.Turbo[0] : Colormap.Turbo[255], Pixel(image, n - 1));
        }
    }

    [Fact]
    public void Superimpose_TwoByOneMapOnFourByTwoImage_AddsFortyPercentOfUpsampledColors()
    {
        // The map [0, 1] upsampled to 4 columns is [0, 0.25, 0.75, 1] (half-pixel centers, edges clamped),
        // which jet colors with entries 0, 64, 192, 255; 0.4 of each is added onto the grey image.
        var image = new Image(4, 2);
        Array.Fill(image.Pixels, (byte)100);
        var result = Heatmap.Superimpose(image, [0f, 1f], 2, 1, Colormap.Jet);
        int[] entries = [0, 64, 192, 255];
        for (int i = 0; i < 8; i++)
        {
            var heat = Colormap.Jet[entries[i % 4]];
            var expected = new Rgba(Added(heat.R), Added(heat.G), Added(heat.B), 100);
            Assert.Equal(expected, Pixel(result, i));
        }
    }

    private static byte Added(byte heat) => (byte)Math.Min(255, Math.Round(100 + (0.4 * heat), MidpointRounding.AwayFromZero));

    private static Rgba Pixel(Image image, int index) =>
        Rgba.FromBytes(image.Pixels.AsSpan(index * 4, 4));

    private static void AssertAll(Image image, Func<int, Rgba> expected)
    {
        for (int i = 0; i < image.Width * image.Height; i++)
        {
            Assert.Equal(expected(i), Pixel(image, i));
        }
    }
}
