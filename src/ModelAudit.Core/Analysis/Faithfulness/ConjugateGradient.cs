namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// Solves A x = b for a symmetric positive semi-definite A given as a product, by conjugate gradients with a
/// Jacobi (diagonal) preconditioner. Blocks of A whose right-hand side is consistent with the starting point
/// (zero residual there) keep their starting values, which is how imputation handles regions with no known
/// neighbour.
/// </summary>
internal static class ConjugateGradient
{
    public delegate void Product(ReadOnlySpan<double> x, Span<double> ax);

    /// <summary>Iterates from the values in <paramref name="x"/> until the residual's norm falls below
    /// <paramref name="tolerance"/> times the right-hand side's, or <paramref name="maxIterations"/>.</summary>
    public static int Solve(Product a, ReadOnlySpan<double> diagonal, ReadOnlySpan<double> b, Span<double> x,
        double tolerance = 1e-10, int maxIterations = 10_000)
    {
        var n = b.Length;
        var r = new double[n];
        var z = new double[n];
        var p = new double[n];
        var ap = new double[n];
        a(x, ap);
        double bNorm = 0;
        for (var i = 0; i < n; i++)
        {
            r[i] = b[i] - ap[i];
            bNorm += b[i] * b[i];
        }

        var limit = tolerance * tolerance * Math.Max(bNorm, double.Epsilon);
        double rz = 0;
        for (var i = 0; i < n; i++)
        {
            z[i] = diagonal[i] > 0 ? r[i] / diagonal[i] : 0;
            p[i] = z[i];
            rz += r[i] * z[i];
        }

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (Dot(r, r) <= limit)
            {
                return iteration;
            }

            a(p, ap);
            var pap = Dot(p, ap);
            if (pap <= 0)
            {
                return iteration;
            }

            var alpha = rz / pap;
            double next = 0;
            for (var i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
                z[i] = diagonal[i] > 0 ? r[i] / diagonal[i] : 0;
                next += r[i] * z[i];
            }

            var beta = next / rz;
            rz = next;
            for (var i = 0; i < n; i++)
            {
                p[i] = z[i] + (beta * p[i]);
            }
        }

        return maxIterations;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
