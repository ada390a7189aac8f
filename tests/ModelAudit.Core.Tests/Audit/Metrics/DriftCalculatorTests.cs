using ModelAudit.Core.Audit.Metrics;

namespace ModelAudit.Core.Tests.Audit.Metrics;

public sealed class DriftCalculatorTests
{
    [Fact]
    public void Compute_IdenticalMaps_CorrelationOneAndNoShift()
    {
        float[] map = [0, 1, 2, 5, 3, 1];

        var d = DriftCalculator.Compute(map, map, 3, 2, 30, 20);

        Assert.Equal(1, d.Correlation, 12);
        Assert.Equal(0, d.CenterShiftPixels, 12);
    }

    [Fact]
    public void Compute_NegatedMap_CorrelationMinusOne()
    {
        float[] map = [0, 1, 2, 5, 3, 1];
        var negated = map.Select(v => -v).ToArray();

        Assert.Equal(-1, DriftCalculator.Compute(map, negated, 3, 2, 30, 20).Correlation, 12);
    }

    [Fact]
    public void Compute_SwappedMiddleValues_HandComputedPearson()
    {
        // deviations (-1.5, -0.5, 0.5, 1.5) and (-1.5, 0.5, -0.5, 1.5): covariance 4, variances 5 -> 0.8.
        Assert.Equal(0.8, DriftCalculator.Compute([1, 2, 3, 4], [1, 3, 2, 4], 2, 2, 2, 2).Correlation, 12);
    }

    [Theory]
    [InlineData(2f, 2f, 1.0)]
    [InlineData(2f, 3f, 0.0)]
    public void Compute_BothConstant_OneWhenEqualElseZero(float a, float b, double expected)
    {
        var d = DriftCalculator.Compute(Enumerable.Repeat(a, 4).ToArray(), Enumerable.Repeat(b, 4).ToArray(), 2, 2, 8, 8);

        Assert.Equal(expected, d.Correlation);
    }

    [Fact]
    public void Compute_OneConstant_CorrelationZero()
    {
        Assert.Equal(0, DriftCalculator.Compute([0, 0, 0, 0], [0, 1, 0, 0], 2, 2, 8, 8).Correlation);
    }

    [Fact]
    public void Compute_BlobShiftedThreeCells_ShiftInImagePixels()
    {
        // 8x8 map over a 64x64 image: one cell is 8 pixels, so three cells are 24 pixels.
        var a = new float[64];
        var b = new float[64];
        a[(2 * 8) + 2] = 1;
        b[(2 * 8) + 5] = 1;

        Assert.Equal(24, DriftCalculator.Compute(a, b, 8, 8, 64, 64).CenterShiftPixels, 9);
    }

    [Fact]
    public void Compute_NonSquareCells_ScalesEachAxis()
    {
        // 4x2 map over 40x10: cell (0,0) centers at (5, 2.5), cell (3,1) at (35, 7.5).
        var a = new float[8];
        var b = new float[8];
        a[0] = 1;
        b[7] = 4;

        Assert.Equal(Math.Sqrt((30 * 30) + (5 * 5)), DriftCalculator.Compute(a, b, 4, 2, 40, 10).CenterShiftPixels, 9);
    }

    [Fact]
    public void Compute_CenterOfMassUsesPositivePart()
    {
        // Negative cells do not pull the center: both centers are at cell 0.
        float[] a = [1, 0, 0, -5];
        float[] b = [2, 0, 0, 0];

        Assert.Equal(0, DriftCalculator.Compute(a, b, 2, 2, 10, 10).CenterShiftPixels, 12);
    }

    [Fact]
    public void Compute_FlatMap_ShiftZero()
    {
        Assert.Equal(0, DriftCalculator.Compute([0, 0, 0, 0], [0, 0, 0, 1], 2, 2, 10, 10).CenterShiftPixels);
    }

    [Fact]
    public void Compute_DifferentSizes_Throws()
    {
        Assert.Throws<ArgumentException>(() => DriftCalculator.Compute(new float[4], new float[6], 2, 2, 10, 10));
    }
}
