namespace ModelAudit.Core.Analysis.Sanity;

/// <summary>How the cascading randomization test runs: how many layers from the head down, the seed, the bar.</summary>
public sealed record SanityOptions
{
    /// <summary>Cascade steps; each randomizes one more weighted layer (fewer when the model has fewer).</summary>
    public int Layers { get; init; } = 3;

    public int Seed { get; init; } = 1;

    /// <summary>|Spearman| after the last step above this means the maps do not depend on the learned weights.</summary>
    public double Threshold { get; init; } = SanityCheck.DefaultThreshold;

    public void Validate()
    {
        if (Layers is < 1 or > 100)
        {
            throw new ModelAuditException($"sanity check layers must be 1..100, got {Layers}");
        }

        if (Threshold is < 0 or > 1 || double.IsNaN(Threshold))
        {
            throw new ModelAuditException($"sanity check threshold must be within 0..1, got {Threshold}");
        }
    }
}
