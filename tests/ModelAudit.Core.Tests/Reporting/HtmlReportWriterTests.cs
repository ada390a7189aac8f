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
        Assert.Equal(3, Regex.Count(html, "<details class=\"card "));
        Assert.Contains("<details class=\"card fail\" id=\"model-1-image-2\" open>", html, StringComparison.Ordinal);
        Assert.Contains("model changed since baseline", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "model changed since baseline</span>"));
        Assert.Contains("<figcaption>baseline</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.12</td><td class=\"num\">&gt;= 0.5</td>", html, StringComparison.Ordinal);
        Assert.Contains("Model summary: 2 layers, 1,234 parameters", html, StringComparison.Ordinal);
        Assert.Contains("conv1 activations", html, StringComparison.Ordinal);
        Assert.Contains("conv5 filters", html, StringComparison.Ordinal);
        Assert.Contains("MA1101", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PageLongerThanScribansDefaultOutputLimit_IsWrittenWholeWithEveryCard()
    {
        var fixture = ReportFixture.Build();
        var passing = fixture.Models.SelectMany(m => m.Images).First(i => i.Passed);
        var model = fixture.Models[0] with { Images = Enumerable.Repeat(passing, 600).ToList() };
        var report = fixture with { Models = [model], Findings = [] };

        var html = new HtmlReportWriter().Render(report);

        // Scriban's default cut-off is 1,048,576 characters: this page is past it.
        Assert.True(html.Length > 1_048_576, $"the page is only {html.Length} characters");
        Assert.Equal(600, Regex.Count(html, "<details class=\"card "));
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FailingReport_FailingImagesTableComesFirstAndLinksEveryFailedCheckToItsRow()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        var table = html.IndexOf("<section class=\"failing\"", StringComparison.Ordinal);
        Assert.True(table > 0 && table < html.IndexOf("class=\"findings\"", StringComparison.Ordinal) && table < html.IndexOf("<details class=\"card", StringComparison.Ordinal));
        var links = Regex.Matches(html[table..html.IndexOf("</section>", table, StringComparison.Ordinal)], "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["model-1", "model-1-image-2", "model-1-image-2-relevance-mass"], links);
        Assert.All(links, id => Assert.Contains($" id=\"{id}\"", html, StringComparison.Ordinal));
        Assert.Contains("1 of 2 images failed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Findings_EachLinksToTheCardOrModelItIsAbout()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        var findings = Regex.Matches(html, "<li class=\"finding (\\w+)\">.*?<a class=\"where\" href=\"#([^\"]+)\"").ToList();
        // The info note (model changed) is not a finding; the error and the warning are, both about image b.png.
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("model-1-image-2", f.Groups[2].Value));
        Assert.Contains("Findings: FAILED: 1 error, 1 warning", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Cards_PassingFoldedFailingOpenWithAnIndexPerModel()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        Assert.Contains("<details class=\"card pass\" id=\"model-1-image-1\">", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"card pass\" id=\"model-2-image-1\">", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"chip fail\" href=\"#model-1-image-2\">images/b.png</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"chip pass\" href=\"#model-2-image-1\">digits/seven.png</a>", html, StringComparison.Ordinal);
        Assert.Contains("Activations of images/a.png", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GateOff_SaysFindingsGateOffNotPassed()
    {
        var report = ReportFixture.Build() with
        {
            FailOn = "never",
            Findings = [new Finding(Severity.Warning, "MA1101", ReportFixture.ConfigPath, 21, 9, "mass"), new Finding(Severity.Warning, "MA1205", ReportFixture.ConfigPath, 4, 5, "no baseline")],
        };

        var html = new HtmlReportWriter().Render(report);

        Assert.Contains("<span class=\"verdict-word\">Gate off</span>", html, StringComparison.Ordinal);
        Assert.Contains("2 findings (gate off)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Passed", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Maps_ColourBarStatesTheSharedScaleAndTheDifferenceHasItsOwn()
    {
        var html = new HtmlReportWriter().Render(ReportFixture.Build());

        // Image a.png: now peaks at 0.8, the baseline at 0.5: one scale, 0 to 0.8, stated beside the pair.
        var first = html[html.IndexOf("id=\"model-1-image-1\"", StringComparison.Ordinal)..html.IndexOf("id=\"model-1-image-2\"", StringComparison.Ordinal)];
        Assert.Contains("<div class=\"ticks\"><span>0.8</span><span>0.4</span><span>0</span></div>", first, StringComparison.Ordinal);
        Assert.Contains("turbo, 0 to 0.8: now and baseline on one scale, the larger maximum", first, StringComparison.Ordinal);
        Assert.Contains("<figcaption>now − baseline</figcaption>", first, StringComparison.Ordinal);
        Assert.Contains("<div class=\"ticks\"><span>+0.673</span><span>0</span><span>−0.673</span></div>", first, StringComparison.Ordinal);
        Assert.Contains("top 20% of the map", first, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(first, "<svg class=\"top-region\""));

        // Without a baseline: one bar, the map's own maximum, said so.
        var second = html[html.IndexOf("id=\"model-1-image-2\"", StringComparison.Ordinal)..];
        Assert.Contains("turbo, 0 to 2 (the map&#39;s maximum)", second, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(html, "<figure class=\"colour-bar\""));
    }

    [Fact]
    public void Render_Pictures_AreInlineDataUrisThatDecodeBack()
    {
        var report = ReportFixture.Build();
        var html = new HtmlReportWriter().Render(report);

        var sources = Regex.Matches(html, "<img [^>]*?src=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        // 3 images, 3 maps now, 1 at baseline, 1 difference, 4 colour bars (one per card, one for the difference),
        // 1 activation grid, 1 filter grid.
        Assert.Equal(14, sources.Count);
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

        Assert.Contains("<details class=\"card pass wide\" id=\"model-1-image-1\">", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"card fail\" id=\"model-1-image-2\" open>", html, StringComparison.Ordinal);
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
        Assert.DoesNotContain("<figcaption>baseline</figcaption>", html, StringComparison.Ordinal);
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
