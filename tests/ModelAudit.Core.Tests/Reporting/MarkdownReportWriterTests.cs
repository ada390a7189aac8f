using ModelAudit.Core.Reporting;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

[Collection(StepSummaryCollection.Name)]
public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void Render_FixtureReport_VerdictTablesAndFindings()
    {
        var text = MarkdownSummary.Render(ReportFixture.Build());
        var lines = text.Split('\n');

        Assert.Equal("## ModelAudit: ❌ FAILED: 1 error, 1 warning", lines[0]);
        Assert.Contains("7 checks, 1 error, 1 warning; 2 models, 3 images (1 failed); fail on `threshold`.", lines);
        Assert.Contains("### shapes", lines);
        Assert.Contains(lines, l => l.StartsWith("gradcam at `conv5`", StringComparison.Ordinal) && l.Contains("**model changed since baseline**", StringComparison.Ordinal));
        Assert.Contains("| image | class | predicted | probability | relevance-mass | pointing-game | baseline-correlation |", lines);
        Assert.Contains("| ✓ images/a.png | vertical (class 1) | vertical (class 1) | 97.3% | ✓ 0.62 | ✓ 1 | ✓ 0.91 |", lines);
        Assert.Contains("| ✗ images/b.png | vertical (class 1) | horizontal (class 0) | 55.0% | ✗ 0.12 | ⚠ 0 | — |", lines);
        Assert.Contains("| ✓ digits/seven.png | 7 | 7 | 99.9% | ✓ 0.81 | · 0.33 |", lines);
        Assert.Contains("/repo/app/modelaudit.json(21,9): error MA1101: shapes/images/b.png: relevance mass 0.12 < 0.50 (gradcam at conv5)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("MA1204", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_PipesAndMarkupInNames_CannotBreakTheTable()
    {
        var text = MarkdownSummary.Render(ReportFixture.Build(label: "a|b<img src=x>", imagePath: "x|y\n.png"));

        var row = text.Split('\n').Single(l => l.Contains("x\\|y", StringComparison.Ordinal));
        Assert.Contains("a\\|b&lt;img src=x&gt; (class 1)", row, StringComparison.Ordinal);
        // 7 columns: 8 unescaped separators, whatever the names contain.
        Assert.Equal(8, System.Text.RegularExpressions.Regex.Count(row, @"(?<!\\)\|"));
    }

    [Fact]
    public void Write_WithStepSummaryVariable_AppendsAndKeepsWhatWasThere()
    {
        using var temp = new TempDir();
        var summary = temp.File("step-summary.md");
        File.WriteAllText(summary, "earlier step");
        var previous = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            var writer = new MarkdownReportWriter();
            writer.Write(ReportFixture.Build(), temp.Path);
            writer.Write(ReportFixture.Build(), temp.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", previous);
        }

        var own = File.ReadAllText(temp.File("summary.md"));
        Assert.Equal("earlier step\n" + own + "\n" + own, File.ReadAllText(summary));
    }

    [Fact]
    public void Write_WithoutStepSummaryVariable_WritesOnlySummaryMd()
    {
        using var temp = new TempDir();
        var previous = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        try
        {
            new MarkdownReportWriter().Write(ReportFixture.Build(), temp.Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", previous);
        }

        Assert.Equal(["summary.md"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        Assert.StartsWith("## ModelAudit: ❌ FAILED", File.ReadAllText(temp.File("summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StepSummaryUnwritable_ThrowsModelAuditExceptionNamingIt()
    {
        using var temp = new TempDir();
        var previous = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", temp.Path);
        try
        {
            var e = Assert.Throws<ModelAuditException>(() => new MarkdownReportWriter().Write(ReportFixture.Build(), temp.Path));
            Assert.Contains("GITHUB_STEP_SUMMARY=" + temp.Path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", previous);
        }
    }
}

/// <summary>Tests that set GITHUB_STEP_SUMMARY or write summary.md run one at a time: the variable is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StepSummaryCollection
{
    public const string Name = "GITHUB_STEP_SUMMARY";
}
