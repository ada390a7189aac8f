using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Audit.Explanations;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Core.Tests.Reporting;

public sealed class ExplanationHtmlTests
{
    [Fact]
    public void Render_FaithfulnessAndSanity_CurveFromTheNumbersAndTheCascadeTable()
    {
        var report = ReportFixture.Build();
        var shapes = report.Models[0];
        var measure = new FaithfulnessMeasure(new FaithfulnessResult([1, 0.5, 0], [0, 1, 1]), 0.8, 0.6);
        report = report with
        {
            Models =
            [
                shapes with
                {
                    Images = [shapes.Images[0] with { Faithfulness = measure }, shapes.Images[1]],
                    Sanity = new SanityReport([new SanityStep(1, "fc<&>", 0.91, 0.8)], 0.5, 2),
                },
                report.Models[1],
            ],
        };

        var html = new HtmlReportWriter().Render(report);

        // 160x90 plot with 6-pixel margins: x = 6 + 148 k/2, y = 84 - 78 p.
        Assert.Contains("<polyline class=\"deletion\" points=\"6,6 80,45 154,84\"/>", html, StringComparison.Ordinal);
        Assert.Contains("<polyline class=\"insertion\" points=\"6,84 80,6 154,6\"/>", html, StringComparison.Ordinal);
        Assert.Contains("deletion AUC 0.5 (red, lower = faithful), insertion AUC 0.75 (blue), drop 25.0%", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<svg class=\"curves\""));
        Assert.Contains("the maps barely change with the weights randomized (MA1303)", html, StringComparison.Ordinal);
        Assert.Contains("<code>fc&lt;&amp;&gt;</code>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.91</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Off_NoCurveNoSanityTable()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        Assert.DoesNotContain("<svg class=\"curves\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"sanity\"", html, StringComparison.Ordinal);
    }
}
