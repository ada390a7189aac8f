namespace ModelAudit.Benchmarks.Memory;

/// <summary>One method's peak growth for a call on 1 image and on a batch, and what that means per image.</summary>
internal sealed record MemoryFigure(string Method, string Description, long One, long Batch, int BatchSize)
{
    /// <summary>The cost of one more image in the batch: fixed costs (sessions, weights) cancel out.</summary>
    public double MarginalPerImage => (double)(Batch - One) / (BatchSize - 1);

    /// <summary>The whole call's growth shared out over the batch.</summary>
    public double AveragePerImage => (double)Batch / BatchSize;
}

/// <summary>Runs the probes for the methods whose memory is reported.</summary>
internal static class MemoryReport
{
    public static IReadOnlyList<MemoryFigure> Measure(IReadOnlyList<(string Method, string Description)> methods, int batchSize, Action<string> log)
    {
        var figures = new List<MemoryFigure>();
        foreach (var (method, description) in methods)
        {
            log($"memory: {description} on 1 and {batchSize} images (fresh processes)");
            figures.Add(new MemoryFigure(method, description, MemoryProbe.Measure(method, 1), MemoryProbe.Measure(method, batchSize), batchSize));
        }

        return figures;
    }
}
