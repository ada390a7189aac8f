namespace ModelAudit.Core.Analysis.Sanity;

/// <summary>
/// SSIM (Wang et al. 2004) of two maps, each first scaled to [0, 1] by its own range (so the comparison is of
/// shape, not scale): the mean over every 7x7 window (fewer near small edges) of
/// ((2 mx my + C1)(2 sxy + C2)) / ((mx^2 + my^2 + C1)(sx^2 + sy^2 + C2)), C1 = (0.01)^2, C2 = (0.03)^2,
/// sample covariances as scikit-image computes them.
/// </summary>
internal static class StructuralSimilarity
{
    private const double C1 = 0.01 * 0.01;
    private const double C2 = 0.03 * 0.03;

    public static double Compute(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int width, int height, int window = 7)
    {
        if (a.Length != width * height || b.Length != width * height)
        {
            throw new ArgumentException($"maps must both be {width}x{height}");
        }

        var x = Scaled(a);
        var y = Scaled(b);
        var wx = Math.Min(window, width);
        var wy = Math.Min(window, height);
        var n = wx * wy;
        var unbiased = n > 1 ? n / (n - 1.0) : 1.0;
        double total = 0;
        var count = 0;
        for (var top = 0; top + wy <= height; top++)
        {
            for (var left = 0; left + wx <= width; left++)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (var j = top; j < top + wy; j++)
                {
                    for (var i = left; i < left + wx; i++)
                    {
                        var (u, v) = (x[(j * width) + i], y[(j * width) + i]);
                        sx += u;
                        sy += v;
                        sxx += u * u;
                        syy += v * v;
                        sxy += u * v;
                    }
                }

                var (mx, my) = (sx / n, sy / n);
                var vx = ((sxx / n) - (mx * mx)) * unbiased;
                var vy = ((syy / n) - (my * my)) * unbiased;
                var cxy = ((sxy / n) - (mx * my)) * unbiased;
                total += ((2 * mx * my) + C1) * ((2 * cxy) + C2) / (((mx * mx) + (my * my) + C1) * (vx + vy + C2));
                count++;
            }
        }

        return count > 0 ? total / count : 1;
    }

    private static double[] Scaled(ReadOnlySpan<float> map)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in map)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var range = max - min;
        var result = new double[map.Length];
        for (var i = 0; i < map.Length; i++)
        {
            result[i] = range > 0 ? (map[i] - min) / range : 0;
        }

        return result;
    }
}
