namespace ModelAudit.Core.Audit.Calibration;

/// <summary>
/// What the current model does on its configured images, and the thresholds it would pass with a margin.
/// <see cref="Suggested"/> holds only the bars a measurement supports; <see cref="Notes"/> says why others are missing.
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
    IReadOnlyList<string> Notes);
