namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>How deletion and insertion curves are drawn.</summary>
public sealed record FaithfulnessOptions
{
    /// <summary>Points after the start: step k removes (or restores) round(k/Steps) of the pixels.</summary>
    public int Steps { get; init; } = 20;

    public RemovalMethod Removal { get; init; } = RemovalMethod.Road;

    /// <summary>Seeds ROAD's noise, so curves are reproducible.</summary>
    public int Seed { get; init; } = 1;

    public void Validate()
    {
        if (Steps is < 1 or > 1000)
        {
            throw new ModelAuditException($"faithfulness steps must be 1..1000, got {Steps}");
        }
    }
}
