using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Core.Tests.Reporting;

public sealed class ReportCountsTests
{
    // The fixture's findings plus a missing-baseline warning that belongs to no check: the case where the header
    // once said "0 warnings" while the list showed one.
    private static AuditReport WithModelWarning() => ReportFixture.Build() with
    {
        Findings =
        [
            .. ReportFixture.Build().Findings,
            new Finding(Severity.Warning, DiagnosticCodes.NoBaseline, ReportFixture.ConfigPath, 30, 5, "digits: no baseline"),
        ],
    };

    [Fact]
    public void Of_FindingsBySeverity_InfoIsNoFinding()
    {
        var counts = ReportCounts.Of(WithModelWarning());

        Assert.Equal((1, 2, 3), (counts.Errors, counts.Warnings, counts.Findings));
        Assert.Equal("FAILED: 1 error, 2 warnings", counts.Sentence());
        Assert.Equal("Failed", counts.Verdict);
    }

    [Fact]
    public void Sentence_GateOff_CountsFindingsNotAVerdict()
    {
        var report = WithModelWarning() with { FailOn = "never", Findings = [.. WithModelWarning().Findings.Where(f => f.Severity != Severity.Error)] };

        var counts = ReportCounts.Of(report);

        Assert.Equal("2 findings (gate off)", counts.Sentence());
        Assert.Equal("Gate off", counts.Verdict);
    }

    [Fact]
    public void EveryReport_StatesTheSameErrorsAndWarnings()
    {
        var report = WithModelWarning();

        var json = JsonDocument.Parse(JsonReportWriter.Render(report)).RootElement.GetProperty("summary");
        Assert.Equal((1, 2), (json.GetProperty("errors").GetInt32(), json.GetProperty("warnings").GetInt32()));
        Assert.Equal("failed", json.GetProperty("verdict").GetString());

        Assert.StartsWith("## ModelAudit: ❌ FAILED: 1 error, 2 warnings\n", MarkdownSummary.Render(report), StringComparison.Ordinal);

        var html = new HtmlReportWriter().Render(report);
        Assert.Contains("<dt>errors</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>warnings</dt><dd>2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("FAILED: 1 error, 2 warnings", html, StringComparison.Ordinal);

        var junit = XDocument.Parse(System.Text.Encoding.UTF8.GetString(JUnitReportWriter.Render(report)));
        Assert.Equal("1", junit.Root!.Attribute("failures")!.Value);
        Assert.Single(Regex.Matches(html, "<li class=\"finding error\">"));
        Assert.Equal(2, Regex.Count(html, "<li class=\"finding warning\">"));
    }
}
