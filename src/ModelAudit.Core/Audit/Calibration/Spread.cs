namespace ModelAudit.Core.Audit.Calibration;

/// <summary>How one metric is distributed over a model's images.</summary>
public sealed record Spread(string Metric, double Min, double Median, double Max, int Count)
{
    public static Spread Of(string metric, IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Spread(metric, double.NaN, double.NaN, double.NaN, 0);
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Spread(metric, sorted[0], median, sorted[^1], sorted.Length);
    }
}
