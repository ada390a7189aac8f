using ModelAudit.Core.Analysis.Faithfulness;

namespace ModelAudit.Core.Tests.Analysis.Faithfulness;

public sealed class RoadImputerTests
{
    [Fact]
    public void Impute_WithoutNoise_SolvesRoadsLinearSystemExactly()
    {
        const int w = 6, h = 5;
        var random = new Random(3);
        var plane = Enumerable.Range(0, w * h).Select(_ => (float)random.NextDouble()).ToArray();
        var removed = Enumerable.Range(0, w * h).Select(p => p is 7 or 8 or 13 or 14 or 15 or 20 or 29 or 0).ToArray();

        var imputed = (float[])plane.Clone();
        RoadImputer.Impute(imputed, w, h, removed, noise: null);

        var expected = DirectSolve(plane, w, h, removed);
        for (var p = 0; p < plane.Length; p++)
        {
            Assert.Equal(removed[p] ? expected[p] : plane[p], imputed[p], 4);
        }
    }

    [Fact]
    public void Impute_EveryRemovedPixel_IsTheWeightedMeanOfItsNeighbours()
    {
        const int w = 5, h = 5;
        var plane = Enumerable.Range(0, w * h).Select(p => (float)(p % 7)).ToArray();
        var removed = Enumerable.Range(0, w * h).Select(p => p is 6 or 7 or 12).ToArray();

        RoadImputer.Impute(plane, w, h, removed, noise: null);

        foreach (var p in new[] { 6, 7, 12 })
        {
            Assert.Equal(NeighbourMean(plane, w, h, p), plane[p], 4);
        }
    }

    [Fact]
    public void Impute_WithNoise_IsSeededAndSmall()
    {
        const int w = 8, h = 8;
        var plane = Enumerable.Range(0, w * h).Select(p => p / 64f).ToArray();
        var removed = Enumerable.Range(0, w * h).Select(p => p % 3 == 0).ToArray();
        var a = (float[])plane.Clone();
        var b = (float[])plane.Clone();
        var clean = (float[])plane.Clone();

        RoadImputer.Impute(a, w, h, removed, new Random(5));
        RoadImputer.Impute(b, w, h, removed, new Random(5));
        RoadImputer.Impute(clean, w, h, removed, null);

        Assert.Equal(a, b);
        Assert.Contains(Enumerable.Range(0, w * h), p => removed[p] && a[p] != clean[p]);
        // The noise's std is 1% of the plane's range: no sample strays past 6 of those.
        Assert.All(Enumerable.Range(0, w * h), p => Assert.True(Math.Abs(a[p] - clean[p]) < 0.06 * (63 / 64f)));
    }

    private static float NeighbourMean(float[] plane, int w, int h, int p)
    {
        double sum = 0, weights = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var (x, y) = ((p % w) + dx, (p / w) + dy);
                if ((dx, dy) == (0, 0) || x < 0 || y < 0 || x >= w || y >= h)
                {
                    continue;
                }

                var weight = dx == 0 || dy == 0 ? 1.0 / 6 : 1.0 / 12;
                sum += weight * plane[(y * w) + x];
                weights += weight;
            }
        }

        return (float)(sum / weights);
    }

    /// <summary>The same system written out densely and solved by Gaussian elimination with partial pivoting.</summary>
    private static float[] DirectSolve(float[] plane, int w, int h, bool[] removed)
    {
        var cells = Enumerable.Range(0, w * h).Where(p => removed[p]).ToList();
        var n = cells.Count;
        var a = new double[n, n + 1];
        for (var k = 0; k < n; k++)
        {
            var (x, y) = (cells[k] % w, cells[k] / w);
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var (nx, ny) = (x + dx, y + dy);
                    if ((dx, dy) == (0, 0) || nx < 0 || ny < 0 || nx >= w || ny >= h)
                    {
                        continue;
                    }

                    var weight = dx == 0 || dy == 0 ? 1.0 / 6 : 1.0 / 12;
                    a[k, k] += weight;
                    var q = (ny * w) + nx;
                    var j = cells.IndexOf(q);
                    if (j >= 0)
                    {
                        a[k, j] -= weight;
                    }
                    else
                    {
                        a[k, n] += weight * plane[q];
                    }
                }
            }
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var c = 0; c <= n; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = a[r, col] / a[col, col];
                for (var c = col; c <= n; c++)
                {
                    a[r, c] -= f * a[col, c];
                }
            }
        }

        var result = (float[])plane.Clone();
        for (var k = 0; k < n; k++)
        {
            result[cells[k]] = (float)(a[k, n] / a[k, k]);
        }

        return result;
    }
}
