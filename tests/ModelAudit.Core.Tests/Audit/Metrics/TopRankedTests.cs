using ModelAudit.Core.Audit.Metrics;

namespace ModelAudit.Core.Tests.Audit.Metrics;

/// <summary>The histogram selection against the full sort it replaced: (positive value descending, index ascending), first K.</summary>
public sealed class TopRankedTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void CountInside_EveryK_MatchesSortedReference(int seed)
    {
        var random = new Random(seed);
        const int n = 300;
        // Values sharing their upper 16 bits (so the second histogram decides), exact ties, zeros, negatives, NaN, infinity.
        var map = Enumerable.Range(0, n).Select(_ => random.Next(7) switch
        {
            0 => 0f,
            1 => -(float)random.NextDouble(),
            2 => 1f + (random.Next(40) * 1.2e-7f),
            3 => random.Next(3),
            4 => random.Next(20) == 0 ? float.NaN : float.PositiveInfinity,
            5 => (float)Math.Pow(10, random.Next(-30, 30)),
            _ => -0f,
        }).ToArray();
        var region = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0).ToArray();
        var ranked = Enumerable.Range(0, n).OrderByDescending(i => Positive(map[i])).ThenBy(i => i).ToList();

        for (var k = 1; k <= n; k++)
        {
            Assert.Equal(ranked.Take(k).Count(i => region[i]), TopRanked.CountInside(map, region, k));
        }
    }

    [Fact]
    public void CountInside_AllTied_TakesTheLowestIndices()
    {
        var map = Enumerable.Repeat(0.5f, 10).ToArray();
        var region = new bool[10];
        region[2] = region[7] = true;

        Assert.Equal(0, TopRanked.CountInside(map, region, 2));
        Assert.Equal(1, TopRanked.CountInside(map, region, 3));
        Assert.Equal(2, TopRanked.CountInside(map, region, 8));
    }

    [Fact]
    public void CountInside_KOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TopRanked.CountInside(new float[3], new bool[3], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopRanked.CountInside(new float[3], new bool[3], 4));
    }

    private static double Positive(float v) => float.IsFinite(v) && v > 0 ? v : 0;
}
