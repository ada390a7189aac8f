using ModelAudit.Core.Audit.Metrics;

namespace ModelAudit.Core.Tests.Audit.Metrics;

public sealed class LocalizationMetricsCalculatorTests
{
    // 4x4 map whose value is its row-major index: 0 1 2 3 / 4 5 6 7 / 8 9 10 11 / 12 13 14 15; total 120.
    private static readonly float[] Ramp = Enumerable.Range(0, 16).Select(i => (float)i).ToArray();

    private static bool[] Region(params int[] indices)
    {
        var region = new bool[16];
        foreach (var i in indices)
        {
            region[i] = true;
        }

        return region;
    }

    [Fact]
    public void Compute_TopLeftRegionOnRamp_MatchesHandComputation()
    {
        var m = LocalizationMetricsCalculator.Compute(Ramp, 4, 4, Region(0, 1, 4, 5), 0, 25);

        Assert.Equal(10.0 / 120, m.RelevanceMass, 12);
        Assert.False(m.PointingHit); // maximum 15 at (3,3)
        Assert.Equal(0, m.RankAccuracy); // top 4: 15, 14, 13, 12
        Assert.Equal(0, m.IouTop);
        Assert.False(m.FlatMap);
        Assert.False(m.EmptyRegion);
    }

    [Fact]
    public void Compute_BottomRightRegionOnRamp_MatchesHandComputation()
    {
        var m = LocalizationMetricsCalculator.Compute(Ramp, 4, 4, Region(10, 11, 14, 15), 0, 25);

        Assert.Equal(50.0 / 120, m.RelevanceMass, 12);
        Assert.True(m.PointingHit);
        Assert.Equal(0.5, m.RankAccuracy, 12); // 15, 14 of the top 4 {15, 14, 13, 12}
        Assert.Equal(2.0 / 6, m.IouTop, 12); // |{14,15}| / |{10,11,12,13,14,15}|
    }

    [Theory]
    [InlineData(2, false)] // nearest region pixel (1,1) is sqrt(8) = 2.83 away from (3,3)
    [InlineData(3, true)]
    public void Compute_PointingTolerance_DilatesRegionByEuclideanDistance(int tolerance, bool expected)
    {
        var m = LocalizationMetricsCalculator.Compute(Ramp, 4, 4, Region(0, 1, 4, 5), tolerance, 25);

        Assert.Equal(expected, m.PointingHit);
    }

    [Fact]
    public void Compute_NegativeValues_OnlyPositivePartCounts()
    {
        var map = new float[16];
        map[0] = -100;
        map[5] = 3;
        map[10] = 1;

        var m = LocalizationMetricsCalculator.Compute(map, 4, 4, Region(0, 10), 0, 25);

        Assert.Equal(0.25, m.RelevanceMass, 12); // 1 / (3 + 1); the -100 inside the region adds nothing
        Assert.False(m.PointingHit);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(13, false)]
    public void Compute_TiedMaximaEquallyFarFromTheirCentroid_PointingUsesFirstInRowMajorOrder(int regionPixel, bool expected)
    {
        var map = new float[16];
        map[2] = 7;
        map[13] = 7;
        map[6] = 1;

        var m = LocalizationMetricsCalculator.Compute(map, 4, 4, Region(regionPixel), 0, 25);

        Assert.Equal(expected, m.PointingHit);
    }

    [Fact]
    public void Compute_VerticalPlateau_PointsAtItsMiddleRow()
    {
        // Column 2 of a 4x5 map is one plateau (a layer pooled to one row, upsampled): its centroid is row 2.
        var map = new float[20];
        for (var y = 0; y < 5; y++)
        {
            map[(y * 4) + 2] = 5;
        }

        bool[] Pixel(int i)
        {
            var region = new bool[20];
            region[i] = true;
            return region;
        }

        var middle = LocalizationMetricsCalculator.Compute(map, 4, 5, Pixel(10), 0, 25);
        var top = LocalizationMetricsCalculator.Compute(map, 4, 5, Pixel(2), 0, 25);

        Assert.True(middle.PointingHit);
        Assert.False(top.PointingHit);
    }

    [Fact]
    public void Compute_TiedValues_RankAndTopShareBreakTiesByLowerIndex()
    {
        var map = Enumerable.Repeat(1f, 16).ToArray();

        var first = LocalizationMetricsCalculator.Compute(map, 4, 4, Region(0, 1, 2, 3), 0, 25);
        var last = LocalizationMetricsCalculator.Compute(map, 4, 4, Region(12, 13, 14, 15), 0, 25);

        Assert.Equal(1, first.RankAccuracy);
        Assert.Equal(1, first.IouTop);
        Assert.Equal(0, last.RankAccuracy);
        Assert.Equal(0, last.IouTop);
        Assert.Equal(0.25, last.RelevanceMass, 12);
    }

    [Fact]
    public void Compute_TopPercent_RoundsPixelCountToNearest()
    {
        // 20% of 16 pixels = 3.2 -> the top 3 {15, 14, 13}; region {15, 14, 13, 12}: IoU 3/4.
        var m = LocalizationMetricsCalculator.Compute(Ramp, 4, 4, Region(12, 13, 14, 15), 0, 20);

        Assert.Equal(0.75, m.IouTop, 12);
        Assert.Equal(1, m.RankAccuracy);
    }

    [Fact]
    public void Compute_FlatMap_FlagsAndZerosNeverNaN()
    {
        var map = Enumerable.Repeat(-1f, 16).ToArray();

        var m = LocalizationMetricsCalculator.Compute(map, 4, 4, Region(0, 1), 0, 20);

        Assert.Equal(new LocalizationMetrics(0, false, 0, 0, FlatMap: true, EmptyRegion: false), m);
    }

    [Fact]
    public void Compute_EmptyRegion_FlagsAndZeros()
    {
        var m = LocalizationMetricsCalculator.Compute(Ramp, 4, 4, new bool[16], 0, 20);

        Assert.Equal(new LocalizationMetrics(0, false, 0, 0, FlatMap: false, EmptyRegion: true), m);
    }

    [Fact]
    public void Compute_NonFiniteValues_CountAsZero()
    {
        var map = new float[16];
        map[0] = float.NaN;
        map[1] = float.PositiveInfinity;
        map[2] = 2;
        map[3] = 2;

        var m = LocalizationMetricsCalculator.Compute(map, 4, 4, Region(0, 1, 2), 0, 25);

        Assert.Equal(0.5, m.RelevanceMass, 12);
        Assert.True(m.PointingHit);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compute_RandomMaps_MatchBruteForceReference(int seed)
    {
        const int w = 23, h = 17;
        var random = new Random(seed);
        // Values over many magnitudes, many exact ties and negatives.
        var map = Enumerable.Range(0, w * h).Select(_ => random.Next(4) switch
        {
            0 => 0f,
            1 => -(float)random.NextDouble(),
            2 => (float)Math.Pow(10, random.Next(-20, 20)),
            _ => random.Next(5),
        }).ToArray();
        var region = Enumerable.Range(0, w * h).Select(_ => random.Next(5) == 0).ToArray();

        var m = LocalizationMetricsCalculator.Compute(map, w, h, region, 1, 15);

        var positive = map.Select(v => Math.Max(0.0, v)).ToArray();
        var ranked = Enumerable.Range(0, w * h).OrderByDescending(i => positive[i]).ThenBy(i => i).ToList();
        var area = region.Count(r => r);
        var top = (int)Math.Round(w * h * 0.15, MidpointRounding.AwayFromZero);
        var topInside = ranked.Take(top).Count(i => region[i]);
        // The pointing game's maximum: among tied maxima, the one nearest their centroid, then the lower index.
        var maxima = Enumerable.Range(0, w * h).Where(i => positive[i] == positive[ranked[0]]).ToList();
        double cx = maxima.Average(i => i % w), cy = maxima.Average(i => i / w);
        var first = maxima.OrderBy(i => Math.Pow((i % w) - cx, 2) + Math.Pow((i / w) - cy, 2)).ThenBy(i => i).First();
        var hit = Enumerable.Range(0, w * h).Any(i => region[i] && Math.Pow((i % w) - (first % w), 2) + Math.Pow((i / w) - (first / w), 2) <= 1);
        Assert.Equal(Enumerable.Range(0, w * h).Where(i => region[i]).Sum(i => positive[i]) / positive.Sum(), m.RelevanceMass, 9);
        Assert.Equal((double)ranked.Take(area).Count(i => region[i]) / area, m.RankAccuracy, 12);
        Assert.Equal((double)topInside / (top + area - topInside), m.IouTop, 12);
        Assert.Equal(hit, m.PointingHit);
    }

    [Fact]
    public void Compute_WrongLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => LocalizationMetricsCalculator.Compute(new float[15], 4, 4, new bool[16], 0, 20));
        Assert.Throws<ArgumentException>(() => LocalizationMetricsCalculator.Compute(new float[16], 4, 4, new bool[15], 0, 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalizationMetricsCalculator.Compute(new float[16], 4, 4, new bool[16], 0, 0));
    }
}
