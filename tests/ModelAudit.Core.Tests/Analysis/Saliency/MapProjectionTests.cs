using ModelAudit.Core.Analysis.Saliency;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Analysis.Saliency;

public sealed class MapProjectionTests
{
    [Fact]
    public void ToImage_SameSizeNoOffset_IsTheMapItself()
    {
        float[] map = [1, 2, 3, 4, 5, 6];

        var projected = MapProjection.ToImage(map, new ImagePlacement(3, 2, 3, 2, 1, 1, 0, 0));

        Assert.Equal(map, projected);
    }

    [Fact]
    public void ToImage_PaddedOnTheRight_ReadsOnlyTheImagePart()
    {
        // A 2x1 image placed unscaled at the left of a 4x1 tensor: the padding columns (9s) never show.
        float[] map = [1, 2, 9, 9];

        var projected = MapProjection.ToImage(map, new ImagePlacement(2, 1, 4, 1, 1, 1, 0, 0));

        Assert.Equal(new[] { 1f, 2f }, projected);
    }

    [Fact]
    public void ToImage_LetterboxedAndHalved_SamplesBetweenTensorPixels()
    {
        // A 4x1 image shrunk to 2x1 and placed at x offset 1 of a 4x1 tensor. Image pixel 0's center (0.5)
        // lands at tensor index 0.5 * 0.5 + 1 - 0.5 = 0.75, then every image pixel moves half a tensor pixel.
        float[] map = [10, 20, 30, 40];

        var projected = MapProjection.ToImage(map, new ImagePlacement(4, 1, 4, 1, 0.5, 1, 1, 0));

        Assert.Equal(new[] { 17.5f, 22.5f, 27.5f, 32.5f }, projected, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void ToImage_CenterCropped_PixelsOutsideTheTensorAreZero()
    {
        // A 4x1 image center-cropped to 2x1 (offset -1): image pixels 1 and 2 are tensor pixels 0 and 1; 0 and 3 were cut off.
        float[] map = [5, 7];

        var projected = MapProjection.ToImage(map, new ImagePlacement(4, 1, 2, 1, 1, 1, -1, 0));

        Assert.Equal(new[] { 0f, 5f, 7f, 0f }, projected);
    }
}
