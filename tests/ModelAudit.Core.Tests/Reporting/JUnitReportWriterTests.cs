using System.Xml.Linq;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

public sealed class JUnitReportWriterTests
{
    [Fact]
    public void Write_FixtureReport_OneTestcasePerCheckAndFailureCountsMatch()
    {
        using var temp = new TempDir();
        var report = ReportFixture.Build();
        new JUnitReportWriter().Write(report, temp.Path);

        var doc = XDocument.Load(temp.File("junit.xml"));
        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("7", root.Attribute("tests")!.Value);
        Assert.Equal("1", root.Attribute("failures")!.Value);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["shapes", "digits"], suites.Select(s => s.Attribute("name")!.Value));
        Assert.Equal(["5", "2"], suites.Select(s => s.Attribute("tests")!.Value));
        Assert.Equal(["1", "0"], suites.Select(s => s.Attribute("failures")!.Value));
        Assert.Equal(report.CheckCount, doc.Descendants("testcase").Count());

        var failure = Assert.Single(doc.Descendants("failure"));
        var testcase = failure.Parent!;
        Assert.Equal("shapes", testcase.Attribute("classname")!.Value);
        Assert.Equal("images/b.png: relevance-mass", testcase.Attribute("name")!.Value);
        Assert.Equal("relevance mass 0.12 < 0.50 (gradcam at conv5)", failure.Attribute("message")!.Value);
        Assert.Equal("MA1101", failure.Attribute("type")!.Value);
    }

    [Fact]
    public void Render_WarningCheck_PassesWithTheMessageOnSystemOut()
    {
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(JUnitReportWriter.Render(ReportFixture.Build())));

        var warned = doc.Descendants("testcase").Single(t => t.Attribute("name")!.Value == "images/b.png: pointing-game");
        Assert.Empty(warned.Elements("failure"));
        Assert.Equal("warning MA1102: pointing game missed (gradcam at conv5)", warned.Element("system-out")!.Value);
    }

    [Fact]
    public void Render_ErrorFindingWithoutCheck_GetsAFailingAuditSuite()
    {
        var report = ReportFixture.Build() with
        {
            Findings = [new Finding(Severity.Error, DiagnosticCodes.ModelProblem, ReportFixture.ConfigPath, 30, 5, "digits: no gradient rule for GridSample")],
        };

        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(JUnitReportWriter.Render(report)));

        Assert.Equal("8", doc.Root!.Attribute("tests")!.Value);
        Assert.Equal("2", doc.Root!.Attribute("failures")!.Value);
        var audit = doc.Root.Elements("testsuite").Single(s => s.Attribute("name")!.Value == "audit");
        var failure = audit.Descendants("failure").Single();
        Assert.Equal("digits: no gradient rule for GridSample", failure.Attribute("message")!.Value);
        Assert.Equal("MA1003 at modelaudit.json(30,5)", failure.Parent!.Attribute("name")!.Value);
    }

    [Fact]
    public void Render_ControlCharactersAndMarkup_StayWellFormedAndRoundTrip()
    {
        var report = ReportFixture.Build(shapesName: "a\u0001b <x> & \"q\"", imagePath: "images/\U0001F600.png");

        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(JUnitReportWriter.Render(report)));

        Assert.Equal("a\uFFFDb <x> & \"q\"", doc.Root!.Elements("testsuite").First().Attribute("name")!.Value);
        Assert.Contains(doc.Descendants("testcase"), t => t.Attribute("name")!.Value == "images/\U0001F600.png: relevance-mass");
    }
}
