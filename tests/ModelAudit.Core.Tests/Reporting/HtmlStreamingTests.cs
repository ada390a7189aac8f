using System.Text;
using System.Text.RegularExpressions;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;
using ModelAudit.Core.Reporting.Html;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

/// <summary>report.html is streamed to its file as it is rendered: same bytes as a page held whole, nothing left behind when rendering fails.</summary>
public sealed class HtmlStreamingTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Write_StreamedPage_EqualsThePageWithEveryPartialCapturedAsAValue()
    {
        // Parenthesized, an include is a value: the partial renders into a string of its own, which the caller then
        // writes (the way every include worked before the page streamed). The page must not change by a byte.
        var captured = Directory.CreateDirectory(Path.Combine(temp.Path, "captured")).FullName;
        var includes = 0;
        foreach (var (name, source) in ReportTemplates.Load(null).Files)
        {
            var text = Regex.Replace(source.Text, @"\{\{ include '([a-z-]+)' \}\}", m =>
            {
                includes++;
                return $"{{{{ (include '{m.Groups[1].Value}') }}}}";
            });
            File.WriteAllText(Path.Combine(captured, name), text);
        }

        var report = ReportFixture.Build();
        new HtmlReportWriter().Write(report, Directory.CreateDirectory(Path.Combine(temp.Path, "streamed")).FullName);
        new HtmlReportWriter(captured).Write(report, Directory.CreateDirectory(Path.Combine(temp.Path, "whole")).FullName);

        Assert.True(includes >= 10, $"only {includes} includes rewritten");
        var streamed = File.ReadAllBytes(Path.Combine(temp.Path, "streamed", "report.html"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Path, "whole", "report.html")), streamed);
        Assert.Equal(Encoding.UTF8.GetBytes(new HtmlReportWriter().Render(report)), streamed);
        Assert.False(streamed.AsSpan().StartsWith(Encoding.UTF8.Preamble), "a byte-order mark");
    }

    [Fact]
    public void Render_PartialWrittenAsAStatement_ReachesTheWriterBeforeThePageEnds()
    {
        File.WriteAllText(temp.File("model.sbn"), "<section>{{ include 'card' }}</section>");
        File.WriteAllText(temp.File("card.sbn"), "card of {{ model.name }}{{ model.no_such_member }}");
        using var writer = new StringWriter();

        Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Render(ReportFixture.Build(), writer));

        // Captured, the card's text would have died with its failing partial; streamed, it is already out.
        Assert.EndsWith("<section>card of shapes", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TemplateFailsAfterCardsWereWritten_KeepsThePreviousReportAndLeavesNoTemporary()
    {
        var templates = Directory.CreateDirectory(Path.Combine(temp.Path, "templates")).FullName;
        var model = ReportTemplates.Load(null).Files["model.sbn"].Text;
        File.WriteAllText(Path.Combine(templates, "model.sbn"), model + "{{ model.no_such_member }}");
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "report")).FullName;
        File.WriteAllText(Path.Combine(folder, "report.html"), "the previous report");

        var e = Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(templates).Write(ReportFixture.Build(), folder));

        Assert.Contains("no_such_member", e.Message, StringComparison.Ordinal);
        Assert.Equal("the previous report", File.ReadAllText(Path.Combine(folder, "report.html")));
        Assert.Equal(["report.html"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_TemplateFailsIntoAnEmptyFolder_LeavesNoReportHtml()
    {
        File.WriteAllText(temp.File("report.sbn"), "<!DOCTYPE html>{{ for model in models }}{{ include 'model' }}{{ end }}{{ nope }}");
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "report")).FullName;

        Assert.Throws<ModelAuditException>(() => new HtmlReportWriter(temp.Path).Write(ReportFixture.Build(), folder));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Render_WriterFailsPartWayThroughThePage_ThrowsTheWritersOwnException()
    {
        var full = new IOException("No space left on device");
        using var writer = new FailingWriter(failAfter: 2_000, full);

        var e = Assert.ThrowsAny<Exception>(() => new HtmlReportWriter().Render(ReportFixture.Build(), writer));

        // A full disk while the page streams is the file's failure, not the template's.
        Assert.Same(full, e);
        Assert.InRange(writer.Written, 1, 2_000);
    }

    [Fact]
    public void WriteAll_DiskFillsWhileThePageStreams_NamesReportHtmlAndKeepsThePreviousReport()
    {
        var folder = Path.Combine(temp.Path, "report");
        ReportSet.WriteAll(ReportFixture.Build(shapesName: "old"), folder);
        var before = Snapshot(folder);

        var e = Assert.Throws<ModelAuditException>(() => ReportSet.WriteAll(
            ReportFixture.Build(shapesName: "fresh"), folder, [new PageIntoFullDisk(), new JsonReportWriter()]));

        Assert.Equal($"{Path.Combine(folder, "report.html")}: cannot write the report: No space left on device; the previous report is unchanged", e.Message);
        Assert.Equal(before, Snapshot(folder));
        Assert.Equal(["report"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5_999)]
    [InlineData(6_000)]
    [InlineData(6_001)]
    [InlineData(150_000)]
    public void DataUri_WrittenInPieces_EqualsTheWholeBase64(int length)
    {
        var png = new byte[length];
        new Random(length).NextBytes(png);
        var written = new StringBuilder();

        DataUri.Png(png).WriteTo(piece => written.Append(piece));

        var expected = "data:image/png;base64," + Convert.ToBase64String(png);
        Assert.Equal(expected, written.ToString());
        Assert.Equal(expected, DataUri.Png(png).ToString());
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    /// <summary>report.html rendered into a disk that fills up part way through the page.</summary>
    private sealed class PageIntoFullDisk : IReportWriter
    {
        public string FileName => "report.html";

        public void Write(AuditReport report, string directory)
        {
            using var writer = new FailingWriter(failAfter: 2_000, new IOException("No space left on device"));
            new HtmlReportWriter().Render(report, writer);
        }
    }

    /// <summary>Accepts <c>failAfter</c> characters, then throws <c>failure</c> on every write, as a full disk does.</summary>
    private sealed class FailingWriter(int failAfter, Exception failure) : TextWriter
    {
        public int Written { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Take(1);

        public override void Write(char[] buffer, int index, int count) => Take(count);

        public override void Write(ReadOnlySpan<char> buffer) => Take(buffer.Length);

        public override void Write(string? value) => Take(value?.Length ?? 0);

        private void Take(int count)
        {
            if (Written + count > failAfter)
            {
                throw failure;
            }

            Written += count;
        }
    }
}
