using ModelAudit.Core.Analysis.Occlusion;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Analysis.Occlusion;

public sealed class PatchGridTests
{
    [Theory]
    [InlineData(8, 4, 2, new[] { 0, 2, 4 })]
    [InlineData(9, 4, 2, new[] { 0, 2, 4, 5 })]
    [InlineData(10, 4, 4, new[] { 0, 4, 6 })]
    [InlineData(4, 4, 1, new[] { 0 })]
    [InlineData(192, 16, 8, new[] { 0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144, 152, 160, 168, 176 })]
    public void Starts_CoversTheWholeAxis(int size, int patch, int stride, int[] expected)
    {
        Assert.Equal(expected, PatchGrid.Starts(size, patch, stride));
    }

    [Fact]
    public void For_PatchLargerThanTheTensor_ShrinksToIt()
    {
        var grid = PatchGrid.For(width: 6, height: 3, patch: 16, stride: 8);

        Assert.Equal((6, 3, 1), (grid.PatchWidth, grid.PatchHeight, grid.Count));
    }

    [Fact]
    public void Values_Grey_IsPixel128ThroughThePreprocessing()
    {
        var spec = new PreprocessSpec { Width = 1, Height = 1, Mean = [0.5f, 0.4f, 0.3f], Std = [0.5f, 0.2f, 0.1f] };

        var grey = OcclusionFill.Values("grey", [0f, 0f, 0f], spec);

        // (128 / 255 - mean) / std per channel.
        Assert.Equal(new[] { 0.0039216f, 0.509804f, 2.019608f }, grey, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Paint_Nhwc_WritesEveryChannelOfThePatchPixels()
    {
        var spec = new PreprocessSpec { Width = 2, Height = 2, Layout = TensorLayout.Nhwc };
        var tensor = new float[12];

        OcclusionFill.Paint(tensor, spec, [7f, 8f, 9f], x0: 1, y0: 0, width: 1, height: 2);

        Assert.Equal(new float[] { 0, 0, 0, 7, 8, 9, 0, 0, 0, 7, 8, 9 }, tensor);
    }
}
