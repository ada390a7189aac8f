using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Core.Tests.Reporting;

public sealed class DiagnosticFormatterTests
{
    [Fact]
    public void Lines_FileUnderTheBase_IsMadeRelative()
    {
        var lines = DiagnosticFormatter.Lines(ReportFixture.Build(), "/repo").ToList();

        Assert.Equal(3, lines.Count);
        Assert.Equal("app/modelaudit.json(21,9): error MA1101: shapes/images/b.png: relevance mass 0.12 < 0.50 (gradcam at conv5)", lines[0]);
        Assert.Equal("app/modelaudit.json(21,9): warning MA1102: shapes/images/b.png: pointing game missed (gradcam at conv5)", lines[1]);
        Assert.Equal("app/modelaudit.json(4,5): info MA1204: shapes: model changed since the baseline", lines[2]);
    }

    [Fact]
    public void Lines_FileOutsideTheBase_StaysAbsolute()
    {
        var line = DiagnosticFormatter.Lines(ReportFixture.Build(), "/elsewhere/project").First();

        Assert.StartsWith("/repo/app/modelaudit.json(21,9): error MA1101: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/repo/app/modelaudit.json", "/repo/app", "modelaudit.json")]
    [InlineData("/repo/app/modelaudit.json", "/repo/app/", "modelaudit.json")]
    [InlineData("/repo/..hidden/modelaudit.json", "/repo", "..hidden/modelaudit.json")]
    [InlineData("/repo/app/modelaudit.json", "/repo/other", "/repo/app/modelaudit.json")]
    [InlineData("relative/modelaudit.json", "/repo", "relative/modelaudit.json")]
    [InlineData("", "/repo", "")]
    public void Shorten_Paths_RelativeOnlyUnderTheBase(string file, string baseDirectory, string expected) =>
        Assert.Equal(expected, DiagnosticFormatter.Shorten(file, baseDirectory));

    [Fact]
    public void Lines_NoFindings_IsEmpty() =>
        Assert.Empty(DiagnosticFormatter.Lines(ReportFixture.Build() with { Findings = [] }));

    [Fact]
    public void Lines_Default_UsesTheCurrentDirectory()
    {
        var report = ReportFixture.Build() with
        {
            Findings = [new Finding(Severity.Error, "MA1001", Path.Combine(Environment.CurrentDirectory, "m.json"), 2, 3, "bad")],
        };

        Assert.Equal(["m.json(2,3): error MA1001: bad"], DiagnosticFormatter.Lines(report));
    }
}
