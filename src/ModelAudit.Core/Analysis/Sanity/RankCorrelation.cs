namespace ModelAudit.Core.Analysis.Sanity;

/// <summary>Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing their mean rank.</summary>
internal static class RankCorrelation
{
    /// <summary>In [-1, 1]; 0 when either side is constant (its ranks carry no order to agree with).</summary>
    public static double Spearman(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"maps of {a.Length} and {b.Length} values cannot be compared");
        }

        return Pearson(Ranks(a), Ranks(b));
    }

    /// <summary>1-based ranks, ties averaged (the "fractional" ranking Spearman's coefficient is defined on).</summary>
    internal static double[] Ranks(ReadOnlySpan<float> values)
    {
        var copy = values.ToArray();
        var order = Enumerable.Range(0, copy.Length).ToArray();
        Array.Sort(order, (i, j) => copy[i].CompareTo(copy[j]));
        var ranks = new double[copy.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && copy[order[end + 1]].CompareTo(copy[order[start]]) == 0)
            {
                end++;
            }

            var mean = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = mean;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        if (x.Length == 0)
        {
            return 0;
        }

        var (mx, my) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
