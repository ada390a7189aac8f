namespace ModelAudit.Benchmarks.Reporting;

/// <summary>
/// One ratio of the README table: numerator time / denominator time, each divided by the work it covers
/// (e.g. per image) so runs of different sizes compare. <paramref name="Goal"/> is an upper bound or null.
/// </summary>
internal sealed record Ratio(string Title, string Numerator, double NumeratorUnits, string Denominator, double DenominatorUnits,
    double? Goal = null, string? Note = null);
