namespace ModelAudit.Core.Audit.Calibration;

/// <summary>
/// What the current model does on its configured images, and the thresholds it would pass with a margin.
/// <see cref="Suggested"/> holds only the bars a measurement supports; <see cref="Notes"/> says why others are missing;
/// <see cref="Sanity"/> says whether the maps depend on the learned weights at all.
/// </summary>
public sealed record ModelCalibration(
    string Name,
    string Method,
    string Layer,
    int Images,
    double Margin,
    double IouTopPercent,
    IReadOnlyList<Spread> Metrics,
    IReadOnlyList<KeyValuePair<string, object>> Suggested,
    IReadOnlyList<string> Notes)
{
    /// <summary>The sanity check's cascade on the model's first images (null when skipped).</summary>
    public Explanations.SanityReport? Sanity { get; init; }

    /// <summary>Why the sanity check did not run: "--no-sanity-check" or the config's "sanityCheck": false.</summary>
    public string? SanitySkipped { get; init; }
}
