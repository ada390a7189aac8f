using ModelAudit.Core.Analysis.Sanity;

namespace ModelAudit.Core.Tests.Analysis.Sanity;

public sealed class SanityMetricsTests
{
    [Fact]
    public void Spearman_TiesShareTheirMeanRank()
    {
        // Ranks: a = [1, 2, 3, 4, 5]; b = [1, 2, 3, 4.5, 4.5] (7 and 7 tie for 4th/5th).
        var rho = RankCorrelation.Spearman([10f, 20f, 30f, 40f, 50f], [5f, 6f, 6.5f, 7f, 7f]);

        // Pearson of the ranks, by hand: sxy = 9.5, sxx = 10, syy = 9.5.
        Assert.Equal(9.5 / Math.Sqrt(10 * 9.5), rho, 12);
        Assert.Equal([1.0, 2, 3, 4.5, 4.5], RankCorrelation.Ranks([5f, 6f, 6.5f, 7f, 7f]));
    }

    [Fact]
    public void Spearman_MonotoneIsOneReversedIsMinusOneConstantIsZero()
    {
        float[] x = [0.1f, 0.5f, 0.2f, 0.9f];
        Assert.Equal(1, RankCorrelation.Spearman(x, [.. x.Select(v => (v * v) + 3)]), 12);
        Assert.Equal(-1, RankCorrelation.Spearman(x, [.. x.Select(v => -v)]), 12);
        Assert.Equal(0, RankCorrelation.Spearman(x, [2f, 2f, 2f, 2f]), 12);
    }

    [Fact]
    public void Ssim_SameShapeIsOneInvertedIsNegative()
    {
        const int w = 9, h = 8;
        float[] map = [.. Enumerable.Range(0, w * h).Select(p => (float)Math.Sin(p * 0.7) + (p / 10f))];

        Assert.Equal(1, StructuralSimilarity.Compute(map, map, w, h), 9);
        Assert.Equal(1, StructuralSimilarity.Compute(map, [.. map.Select(v => (3 * v) + 1)], w, h), 6);
        Assert.True(StructuralSimilarity.Compute(map, [.. map.Select(v => -v)], w, h) < 0);
    }

    [Fact]
    public void Ssim_OneWindow_MatchesTheFormulaByHand()
    {
        // 2x2 maps, one window: x = [0, 1, 1, 0] scaled stays; y = [0, 1, 0, 1].
        float[] x = [0f, 1f, 1f, 0f];
        float[] y = [0f, 1f, 0f, 1f];

        // mx = my = 0.5; sample variances 1/3; sample covariance 0.
        const double c1 = 1e-4, c2 = 9e-4;
        var expected = ((2 * 0.25) + c1) * c2 / ((0.5 + c1) * ((2.0 / 3) + c2));
        Assert.Equal(expected, StructuralSimilarity.Compute(x, y, 2, 2), 12);
    }
}
