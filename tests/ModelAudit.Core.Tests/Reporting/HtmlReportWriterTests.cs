using System.Text.RegularExpressions;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Render_FixtureReport_VerdictCardsAndTables()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict-word\">Failed</span>", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<article class=\"card "));
        Assert.Contains("<article class=\"card fail\" id=\"model-1-image-2\">", html, StringComparison.Ordinal);
        Assert.Contains("model changed since baseline", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "model changed since baseline</span>"));
        Assert.Contains("heatmap at baseline", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.12</td><td class=\"num\">&gt;= 0.5</td>", html, StringComparison.Ordinal);
        Assert.Contains("Model summary: 2 layers, 1,234 parameters", html, StringComparison.Ordinal);
        Assert.Contains("conv1 activations", html, StringComparison.Ordinal);
        Assert.Contains("conv5 filters", html, StringComparison.Ordinal);
        Assert.Contains("MA1101", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Pictures_AreInlineDataUrisThatDecodeBack()
    {
        var report = ReportFixture.Build();
        var html = new HtmlReportWriter().Render(report);

        var sources = Regex.Matches(html, "<img src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        // 3 images + 3 overlays + 1 baseline overlay + 1 activation grid + 1 filter grid.
        Assert.Equal(9, sources.Count);
        foreach (var source in sources)
        {
            Assert.StartsWith("data:image/png;base64,", source, StringComparison.Ordinal);
            var bytes = Convert.FromBase64String(System.Net.WebUtility.HtmlDecode(source["data:image/png;base64,".Length..]));
            Assert.True(ImageDecoder.Decode(bytes, "report").Width > 0);
        }

        var first = Convert.FromBase64String(System.Net.WebUtility.HtmlDecode(sources[0]["data:image/png;base64,".Length..]));
        Assert.Equal(report.Models[0].Images[0].ImagePng, first);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public void Render_Regions_AreSvgPolygonsInImagePixels()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        Assert.Contains("<svg class=\"regions\" viewBox=\"0 0 32 24\"", html, StringComparison.Ordinal);
        Assert.Contains("<polygon points=\"8,6 24,6 24,18 8,18\"", html, StringComparison.Ordinal);
        Assert.Contains("<polygon points=\"2,2 12,3 7,10\"", html, StringComparison.Ordinal);

        // The digits box arrives as two corners and is drawn with four.
        Assert.Contains("viewBox=\"0 0 28 28\"", html, StringComparison.Ordinal);
        Assert.Contains("<polygon points=\"4,4 20,4 20,24 4,24\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileLabelPathAndMetadata_NeverAppearUnescaped()
    {
        const string script = "<script>alert(1)</script>";
        const string quoted = "images/\"onerror=\"alert(2)\".png";
        var report = ReportFixture.Build(shapesName: "<img src=x onerror=alert(3)>", label: script, imagePath: quoted);
        var shapes = report.Models[0];
        report = report with
        {
            ConfigPath = "/tmp/'><b>cfg</b>/modelaudit.json",
            Models =
            [
                shapes with
                {
                    Preprocessing = "<iframe src=//evil>",
                    Layer = "\"><svg onload=alert(4)>",
                    Layers = [new LayerRow("<style>*{display:none}</style>", "Conv", "[1]", 1)],
                },
                report.Models[1],
            ],
            Findings = [new Finding(Severity.Error, "MA1101", "/x/modelaudit.json", 1, 1, script)],
        };

        var html = new HtmlReportWriter().Render(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>cfg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"onerror=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>*", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("images/&quot;onerror=&quot;alert(2)&quot;.png", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "<style>"));
    }

    [Fact]
    public void Render_WideImage_CardStacksItsPictures()
    {
        var report = ReportFixture.Build();
        var shapes = report.Models[0];
        report = report with { Models = [shapes with { Images = [shapes.Images[0] with { Width = 192, Height = 48 }, shapes.Images[1]] }] };

        var html = new HtmlReportWriter().Render(report);

        Assert.Contains("<article class=\"card pass wide\" id=\"model-1-image-1\">", html, StringComparison.Ordinal);
        Assert.Contains("<article class=\"card fail\" id=\"model-1-image-2\">", html, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 192 48\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileTextInEveryShape_IsEncodedOnceAndNeverBecomesMarkup()
    {
        // Template syntax, a style-sheet end, quotes of both kinds and control characters in user text.
        const string label = "{{ verdict.title }}</style><b>'q'\u0007\u0000\u009b";
        var report = ReportFixture.Build(shapesName: "{{ include 'findings' }}", label: label, imagePath: "a'b\"c.png");

        var html = new HtmlReportWriter().Render(report);

        Assert.Contains("{{ verdict.title }}&lt;/style&gt;&lt;b&gt;&#39;q&#39;\uFFFD\uFFFD\uFFFD", html, StringComparison.Ordinal);
        Assert.Contains("{{ include &#39;findings&#39; }}", html, StringComparison.Ordinal);
        Assert.Contains("a&#39;b&quot;c.png", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "</style>"));
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;lt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;#39;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TemplatesDirectory_OverridesByFileNameAndKeepsTheRest()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("report.css"), "body { color: rebeccapurple; }");
        File.WriteAllText(temp.File("image-card.sbn"), "<article class=\"custom\">{{ image.path }} {{ include 'regions' }}</article>");

        var html = new HtmlReportWriter(temp.Path).Render(ReportFixture.Build());

        Assert.Contains("<style>body { color: rebeccapurple; }</style>", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<article class=\"custom\">"));
        Assert.Contains("<polygon points=\"8,6 24,6 24,18 8,18\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict-word\">Failed</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CustomPartialIncludedByAnother_IsEncodedExactlyOnce()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("model.sbn"), "<div>\n    {{~ for image in model.images ~}}\n    {{ include 'my-card' }}\n    {{~ end ~}}\n</div>\n");
        File.WriteAllText(temp.File("my-card.sbn"), "[{{ image.path }}]");

        var html = new HtmlReportWriter(temp.Path).Render(ReportFixture.Build(imagePath: "<b>x</b>"));

        Assert.Contains("[&lt;b&gt;x&lt;/b&gt;]", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;lt;b", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BrokenTemplate_ThrowsModelAuditExceptionNamingFileLineAndColumn()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("model.sbn"), "<p>\n{{ for image in model.images }} never closed");

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Render(ReportFixture.Build()));

        Assert.StartsWith(temp.File("model.sbn") + "(", e.Message, StringComparison.Ordinal);
        Assert.Contains("the report template is invalid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UndefinedMember_IsAnErrorWithTheTemplatesLineAndColumn()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("model.sbn"), "<h2>\n  {{ model.nmae }}</h2>");

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Render(ReportFixture.Build()));

        Assert.StartsWith(temp.File("model.sbn") + "(2,", e.Message, StringComparison.Ordinal);
        Assert.Contains("nmae", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UndefinedVariable_IsAnErrorWithTheTemplatesLineAndColumn()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("findings.sbn"), "{{ findngs }}");

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Render(ReportFixture.Build()));

        Assert.StartsWith(temp.File("findings.sbn") + "(1,4)", e.Message, StringComparison.Ordinal);
        Assert.Contains("findngs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownPartial_ThrowsModelAuditExceptionNamingTheCaller()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("model.sbn"), "{{ include 'no-such-partial' }}");

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Render(ReportFixture.Build()));

        Assert.StartsWith(temp.File("model.sbn") + "(1,", e.Message, StringComparison.Ordinal);
        Assert.Contains("no partial 'no-such-partial'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PartialIncludingItself_ThrowsInsteadOfOverflowingTheStack()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("model.sbn"), "x{{ include 'model' }}");

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Render(ReportFixture.Build()));

        Assert.Contains("nest deeper than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingTemplatesDirectory_ThrowsModelAuditExceptionNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "modelaudit-no-such-templates-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(missing).Render(ReportFixture.Build()));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PassingReportWithoutFindings_SaysPassedAndHasNoFindingsSection()
    {
        var report = ReportFixture.Build();
        report = report with
        {
            Models = [report.Models[1]],
            Findings = [],
        };

        var html = new HtmlReportWriter().Render(report);

        Assert.True(report.Passed);
        Assert.Contains("<header class=\"verdict pass\">", html, StringComparison.Ordinal);
        Assert.Contains("all 1 images passed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"findings-title\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("heatmap at baseline", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedTemplates_MatchTheFilesInTheRepository()
    {
        var folder = Path.Combine(RepoPaths.Root, "templates");
        var templates = Core.Reporting.Html.ReportTemplates.Load(null);

        foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(".sbn", StringComparison.Ordinal) || f.EndsWith(".css", StringComparison.Ordinal)))
        {
            Assert.Equal(File.ReadAllText(file), templates.Files[Path.GetFileName(file)].Text);
        }

        Assert.Contains("report.sbn", templates.Files.Keys);
        Assert.Contains("report.css", templates.Files.Keys);
    }
}
