namespace ModelAudit.Core.Audit.Results;

public enum CheckStatus
{
    Pass,
    Fail,

    /// <summary>Below its bar, but the fail level (--fail-on) does not fail the build for this kind of check.</summary>
    Warn,

    /// <summary>Measured and shown, not gated (e.g. a metric with no threshold set).</summary>
    Info,
}

/// <summary>
/// One check of one image: a metric against its threshold, or a comparison with the baseline.
/// Ids are stable ("relevance-mass", "pointing-game", "rank-accuracy", "iou-top", "baseline-correlation",
/// "baseline-mass-drop", "baseline-prediction", "flat-map", "empty-region").
/// </summary>
public sealed record CheckResult
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The measured value (null for a finding with no number, e.g. a flat map).</summary>
    public double? Value { get; init; }

    /// <summary>The bar it was held to, if any, and how: ">=", "<=", "==".</summary>
    public double? Threshold { get; init; }

    public string? Comparison { get; init; }

    public required CheckStatus Status { get; init; }

    /// <summary>The MA code reported when this check does not pass (see the README's table).</summary>
    public required string Code { get; init; }

    /// <summary>One sentence for people, e.g. "relevance mass 0.12 < 0.50 (gradcam at conv5)".</summary>
    public required string Message { get; init; }

    /// <summary>True for checks against the baseline (gated by --fail-on regression).</summary>
    public bool IsRegression { get; init; }
}
