namespace ModelAudit.Core.Audit.Metrics;

/// <summary>
/// Compares a map with its baseline at the layer's resolution (the maps a baseline stores), so the
/// comparison does not depend on the upsampling.
/// </summary>
public static class DriftCalculator
{
    /// <summary>
    /// Pearson correlation of the raw values; when a map is constant the correlation is undefined, so it is
    /// defined as 1 when both maps are constant and equal, else 0 (never NaN). Centers of mass use the
    /// positive part, with cell (i, j) at ((i + 0.5) * imageW / mapW, (j + 0.5) * imageH / mapH) as the
    /// bilinear upsampling places it; when either map has no positive mass the shift is 0 (the flat-map
    /// finding reports that case). Maps of different sizes must be resampled by the caller.
    /// </summary>
    public static DriftMetrics Compute(ReadOnlySpan<float> current, ReadOnlySpan<float> baseline, int mapW, int mapH, int imageW, int imageH)
    {
        if (mapW <= 0 || mapH <= 0 || current.Length != mapW * mapH || baseline.Length != current.Length)
        {
            throw new ArgumentException($"current ({current.Length}) and baseline ({baseline.Length}) must both hold {mapW}x{mapH} values");
        }

        return new DriftMetrics(Correlation(current, baseline), Shift(current, baseline, mapW, mapH, imageW, imageH));
    }

    private static double Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var aConstant = IsConstant(a);
        var bConstant = IsConstant(b);
        if (aConstant || bConstant)
        {
            return aConstant && bConstant && Finite(a[0]).Equals(Finite(b[0])) ? 1 : 0;
        }

        double meanA = 0, meanB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            meanA += Finite(a[i]);
            meanB += Finite(b[i]);
        }

        meanA /= a.Length;
        meanB /= b.Length;
        double cov = 0, varA = 0, varB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = Finite(a[i]) - meanA;
            var db = Finite(b[i]) - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }

        var denominator = Math.Sqrt(varA * varB);
        return denominator > 0 ? Math.Clamp(cov / denominator, -1, 1) : 0;
    }

    private static bool IsConstant(ReadOnlySpan<float> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (!Finite(values[i]).Equals(Finite(values[0])))
            {
                return false;
            }
        }

        return true;
    }

    private static double Finite(float v) => float.IsFinite(v) ? v : 0.0;

    private static double Shift(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int mapW, int mapH, int imageW, int imageH)
    {
        var ca = Center(a, mapW, mapH, imageW, imageH);
        var cb = Center(b, mapW, mapH, imageW, imageH);
        return ca is { } p && cb is { } q ? Math.Sqrt(((p.X - q.X) * (p.X - q.X)) + ((p.Y - q.Y) * (p.Y - q.Y))) : 0;
    }

    private static (double X, double Y)? Center(ReadOnlySpan<float> map, int mapW, int mapH, int imageW, int imageH)
    {
        double mass = 0, sx = 0, sy = 0;
        for (var j = 0; j < mapH; j++)
        {
            for (var i = 0; i < mapW; i++)
            {
                var v = Math.Max(0, Finite(map[(j * mapW) + i]));
                mass += v;
                sx += v * (i + 0.5);
                sy += v * (j + 0.5);
            }
        }

        return mass > 0 ? (sx / mass * imageW / mapW, sy / mass * imageH / mapH) : null;
    }
}
