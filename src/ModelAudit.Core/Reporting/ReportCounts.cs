using System.Globalization;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// The one definition of the numbers and the verdict every output states (console, report.html, results.json,
/// junit.xml, summary.md, and MSBuild through the console line): an error is an error finding (it fails the
/// gate), a warning is a warning finding (a check the gate does not hold, a missing baseline, a changed model).
/// </summary>
public sealed record ReportCounts(int Models, int Images, int FailedImages, int Checks, int FailedChecks, int Errors, int Warnings, bool GateOff)
{
    /// <summary>Everything that did not pass cleanly: errors and warnings (info notes are not findings).</summary>
    public int Findings => Errors + Warnings;

    public bool Passed => Errors == 0;

    /// <summary>"Passed", "Failed", or "Gate off" when <c>--fail-on never</c> made every finding a warning.</summary>
    public string Verdict => GateOff ? "Gate off" : Passed ? "Passed" : "Failed";

    /// <summary>"pass", "fail" or "off": the status class of the verdict.</summary>
    public string Status => GateOff ? "off" : Passed ? "pass" : "fail";

    public static ReportCounts Of(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportCounts(
            report.Models.Count,
            report.Models.Sum(m => m.Images.Count),
            report.Models.Sum(m => m.Images.Count(i => !i.Passed)),
            report.CheckCount,
            report.FailedCheckCount,
            report.Findings.Count(f => f.Severity == Severity.Error),
            report.Findings.Count(f => f.Severity == Severity.Warning),
            string.Equals(report.FailOn, "never", StringComparison.Ordinal));
    }

    /// <summary>
    /// The verdict as one line: "FAILED: 2 errors, 1 warning", "PASSED: 1 warning", "PASSED", or with the gate off
    /// "103 findings (gate off)": with no gate, "passed" would claim something nobody checked.
    /// </summary>
    public string Sentence()
    {
        if (GateOff)
        {
            return Findings == 0 ? "no findings (gate off)" : $"{Count(Findings, "finding")} (gate off)";
        }

        var parts = new List<string>();
        if (Errors > 0)
        {
            parts.Add(Count(Errors, "error"));
        }

        if (Warnings > 0)
        {
            parts.Add(Count(Warnings, "warning"));
        }

        var word = Passed ? "PASSED" : "FAILED";
        return parts.Count == 0 ? word : $"{word}: {string.Join(", ", parts)}";
    }

    /// <summary>"1 image", "24 images".</summary>
    public static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");
}
