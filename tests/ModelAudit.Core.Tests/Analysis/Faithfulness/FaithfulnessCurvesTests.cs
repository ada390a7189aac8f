using ModelAudit.Core.Analysis.Faithfulness;

namespace ModelAudit.Core.Tests.Analysis.Faithfulness;

/// <summary>
/// A 4x4 one-channel image whose "model" scores the mean of a known 4-pixel region (the object, value 1; the
/// background is 0, so the image's mean colour is 0.25): every point of the curves follows by hand.
/// </summary>
public sealed class FaithfulnessCurvesTests
{
    private static readonly int[] Region = [5, 6, 9, 10];

    private static PlanarImage Image() =>
        new([.. Enumerable.Range(0, 16).Select(p => Region.Contains(p) ? 1f : 0f)], 1, 4, 4);

    private static double[] RegionMean(float[] batch, int count) =>
        [.. Enumerable.Range(0, count).Select(j => Region.Average(p => (double)batch[(j * 16) + p]))];

    [Fact]
    public void Compute_MapOnTheRegion_GivesTheHandComputedCurvesAndAreas()
    {
        float[] map = [.. Enumerable.Range(0, 16).Select(p => Region.Contains(p) ? 2f + p : 0f)];

        var result = FaithfulnessCurves.Compute(Image(), map, new FaithfulnessOptions { Steps = 4, Removal = RemovalMethod.Mean }, RegionMean, batchSize: 3);

        // Deletion: the region goes first and becomes the mean colour 0.25. Insertion: the mirror image.
        Assert.Equal([1, 0.25, 0.25, 0.25, 0.25], result.Deletion);
        Assert.Equal([0.25, 1, 1, 1, 1], result.Insertion);
        Assert.Equal((((1 + 0.25) / 2) + (3 * 0.25)) / 4, result.DeletionAuc, 12);
        Assert.Equal((((0.25 + 1) / 2) + 3) / 4, result.InsertionAuc, 12);
    }

    [Fact]
    public void Compute_FinerSteps_RemoveHalfTheRegionAtStepOne()
    {
        float[] map = [.. Enumerable.Range(0, 16).Select(p => Region.Contains(p) ? 20f - p : 0f)];

        var result = FaithfulnessCurves.Compute(Image(), map, new FaithfulnessOptions { Steps = 8, Removal = RemovalMethod.Mean }, RegionMean, batchSize: 64);

        // Step 1 takes round(16/8) = 2 pixels: two of the four region pixels become 0.25.
        Assert.Equal((2 + 0.5) / 4, result.Deletion[1], 6);
        Assert.Equal(0.25, result.Deletion[2], 6);
    }

    [Fact]
    public void Compute_MapOffTheRegion_DeletesSlowerThanTheRegionMap()
    {
        float[] onRegion = [.. Enumerable.Range(0, 16).Select(p => Region.Contains(p) ? 1f : 0f)];
        float[] offRegion = [.. Enumerable.Range(0, 16).Select(p => Region.Contains(p) ? 0f : 1f)];
        var options = new FaithfulnessOptions { Steps = 16, Removal = RemovalMethod.Road };

        var good = FaithfulnessCurves.Compute(Image(), onRegion, options, RegionMean, 8);
        var bad = FaithfulnessCurves.Compute(Image(), offRegion, options, RegionMean, 8);

        Assert.True(good.DeletionAuc < bad.DeletionAuc, $"{good.DeletionAuc} vs {bad.DeletionAuc}");
        Assert.True(good.InsertionAuc > bad.InsertionAuc, $"{good.InsertionAuc} vs {bad.InsertionAuc}");
    }

    [Fact]
    public void Area_TrapezoidsOverEvenSpacing()
    {
        Assert.Equal(0.5, FaithfulnessResult.Area([0, 1]), 12);
        Assert.Equal((0.5 + 1 + 0.75) / 3, FaithfulnessResult.Area([0, 1, 1, 0.5]), 12);
    }

    [Fact]
    public void Weight_ScalesTowardBlackByTheNormalisedMap()
    {
        var image = new PlanarImage([1f, 3f, 5f, 7f], 1, 2, 2);
        var destination = new float[4];

        ConfidenceChange.Weight(image, [0f, 1f, 2f, -1f], [-1f], destination);

        // e = map / max(map) = [0, 0.5, 1, 0 (negative)]; black + e * (x - black).
        Assert.Equal([-1f, 1f, 5f, -1f], destination);
        Assert.Equal(0.25, ConfidenceChange.Drop(0.8, 0.6), 12);
        Assert.Equal(0, ConfidenceChange.Drop(0.5, 0.9), 12);
        Assert.True(ConfidenceChange.Increased(0.5, 0.9));
    }
}
