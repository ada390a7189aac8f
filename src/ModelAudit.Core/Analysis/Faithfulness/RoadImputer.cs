using ModelAudit.Core.Analysis.Saliency;

namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// ROAD's noisy linear imputation (Rong et al. 2022, "A Consistent and Efficient Evaluation Strategy for
/// Attribution Methods"): every removed pixel takes the weighted mean of its 8 neighbours (1/6 for the four
/// direct ones, 1/12 for the diagonals; only neighbours inside the image count), removed neighbours being
/// unknowns too, so the removed region is filled smoothly from its border; then small Gaussian noise is added.
/// Filling from the neighbours keeps the removal itself from telling the model which pixels were removed.
/// </summary>
internal static class RoadImputer
{
    /// <summary>The noise's standard deviation, as a share of the plane's value range.</summary>
    public const double NoiseShare = 0.01;

    private static readonly (int Dx, int Dy, double Weight)[] Neighbours =
    [
        (1, 0, 1.0 / 6), (-1, 0, 1.0 / 6), (0, 1, 1.0 / 6), (0, -1, 1.0 / 6),
        (1, 1, 1.0 / 12), (-1, 1, 1.0 / 12), (1, -1, 1.0 / 12), (-1, -1, 1.0 / 12),
    ];

    /// <summary>Fills the removed pixels of one channel plane in place; <paramref name="noise"/> null adds none.</summary>
    public static void Impute(Span<float> plane, int width, int height, ReadOnlySpan<bool> removed, Random? noise)
    {
        var unknown = new int[plane.Length];
        var cells = new List<int>();
        double keptSum = 0;
        var kept = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (var p = 0; p < plane.Length; p++)
        {
            min = Math.Min(min, plane[p]);
            max = Math.Max(max, plane[p]);
            if (removed[p])
            {
                unknown[p] = cells.Count;
                cells.Add(p);
            }
            else
            {
                unknown[p] = -1;
                keptSum += plane[p];
                kept++;
            }
        }

        if (cells.Count == 0)
        {
            return;
        }

        var values = plane.ToArray();
        var diagonal = new double[cells.Count];
        var b = new double[cells.Count];
        for (var k = 0; k < cells.Count; k++)
        {
            var (x, y) = (cells[k] % width, cells[k] / width);
            foreach (var (dx, dy, w) in Neighbours)
            {
                var (nx, ny) = (x + dx, y + dy);
                if (nx < 0 || ny < 0 || nx >= width || ny >= height)
                {
                    continue;
                }

                diagonal[k] += w;
                var q = (ny * width) + nx;
                if (unknown[q] < 0)
                {
                    b[k] += w * values[q];
                }
            }
        }

        // Regions with no known neighbour at all have a zero right-hand side: they keep this starting value.
        var solution = new double[cells.Count];
        Array.Fill(solution, kept > 0 ? keptSum / kept : 0);
        ConjugateGradient.Solve(
            (xs, ax) => Multiply(xs, ax, cells, unknown, diagonal, width, height),
            diagonal, b, solution, tolerance: 1e-6, maxIterations: 2_000);

        var std = NoiseShare * (max - min);
        var gauss = noise is null ? null : new GaussianNoise(noise.Next());
        Span<float> one = stackalloc float[1];
        for (var k = 0; k < cells.Count; k++)
        {
            one[0] = (float)solution[k];
            if (gauss is not null && std > 0)
            {
                gauss.Add(one, (float)std, one);
            }

            plane[cells[k]] = one[0];
        }
    }

    private static void Multiply(ReadOnlySpan<double> xs, Span<double> ax, List<int> cells, int[] unknown,
        double[] diagonal, int width, int height)
    {
        for (var k = 0; k < cells.Count; k++)
        {
            var (x, y) = (cells[k] % width, cells[k] / width);
            var sum = diagonal[k] * xs[k];
            foreach (var (dx, dy, w) in Neighbours)
            {
                var (nx, ny) = (x + dx, y + dy);
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && unknown[(ny * width) + nx] is var j and >= 0)
                {
                    sum -= w * xs[j];
                }
            }

            ax[k] = sum;
        }
    }
}
