using System.Globalization;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>The few number and status spellings every human-readable report shares, culture-invariant.</summary>
internal static class ReportText
{
    public static string Number(double? value) => value switch
    {
        null => "—",
        { } v when double.IsNaN(v) => "NaN",
        { } v when Math.Abs(v) >= 1000 || v == Math.Floor(v) => v.ToString("0.##", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Percent(double probability) =>
        (probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "fail",
        CheckStatus.Warn => "warn",
        _ => "info",
    };

    public static string Severity(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>"vertical (1)" or just "1" when the model has no labels.</summary>
    public static string Class(int index, string? label) =>
        string.IsNullOrEmpty(label) ? index.ToString(CultureInfo.InvariantCulture) : $"{label} ({index.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>"&gt;= 0.5" or "—" when the check has no bar.</summary>
    public static string Bar(CheckResult check) =>
        check.Threshold is null ? "—" : $"{check.Comparison ?? ">="} {Number(check.Threshold)}";

    public static string ShortHash(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;

    public static int WarningCount(AuditReport report) =>
        report.Models.Sum(m => m.Images.Sum(i => i.Checks.Count(c => c.Status == CheckStatus.Warn)));

    public static int ImageCount(AuditReport report) => report.Models.Sum(m => m.Images.Count);
}
