namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>Seeded normal samples (Box-Muller), so SmoothGrad maps are reproducible run to run.</summary>
internal sealed class GaussianNoise(int seed)
{
    private readonly Random random = new(seed);
    private double? spare;

    public void Add(ReadOnlySpan<float> source, float std, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] + (float)(std * Next());
        }
    }

    private double Next()
    {
        if (spare is double s)
        {
            spare = null;
            return s;
        }

        // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var angle = 2 * Math.PI * random.NextDouble();
        spare = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }
}
