using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

[Collection(StepSummaryCollection.Name)]
public sealed class ReportSetTests
{
    [Fact]
    public void WriteAll_NewFolder_WritesTheFourFilesAndNoTemporaries()
    {
        using var temp = new TempDir();
        var folder = Path.Combine(temp.Path, "nested", "modelaudit-report");

        var paths = ReportSet.WriteAll(ReportFixture.Build(), folder);

        Assert.Equal(
            ["report.html", "results.json", "junit.xml", "summary.md"],
            paths.Select(Path.GetFileName));
        Assert.All(paths, p => Assert.Equal(Path.GetFullPath(folder), Path.GetDirectoryName(p)));
        Assert.Equal(
            [".modelaudit-report", "junit.xml", "report.html", "results.json", "summary.md"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["modelaudit-report"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 100));
    }

    [Fact]
    public void WriteAll_BrokenTemplate_LeavesThePreviousReportWholeAndNoTemporaries()
    {
        using var temp = new TempDir();
        var folder = temp.File("report");
        ReportSet.WriteAll(ReportFixture.Build(), folder);
        var before = File.ReadAllBytes(Path.Combine(folder, "report.html"));
        var templates = temp.File("templates");
        Directory.CreateDirectory(templates);
        File.WriteAllText(Path.Combine(templates, "report.sbn"), "{{ if verdict }} unterminated");

        Assert.Throws<ModelAuditException>(() => ReportSet.WriteAll(ReportFixture.Build(shapesName: "changed"), folder, templates));

        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "report.html")));
        Assert.Equal(5, Directory.GetFiles(folder).Length);
        Assert.Equal(["report", "templates"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteAll_WriterFailsMidway_NamesTheFileAndLeavesThePreviousSet()
    {
        using var temp = new TempDir();
        var folder = temp.File("report");
        ReportSet.WriteAll(ReportFixture.Build(), folder);
        var before = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var seen = new List<string>();

        var e = Assert.Throws<ModelAuditException>(() => ReportSet.WriteAll(ReportFixture.Build(shapesName: "changed"), folder,
            [new RecordingWriter("report.html", seen), new FailingWriter("results.json")]));

        Assert.StartsWith(Path.Combine(folder, "results.json") + ": cannot write the report: disk on fire", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        Assert.Equal(["report"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteAll_WriterDenied_OneSentenceWithoutTheSystemsFullStop()
    {
        using var temp = new TempDir();
        var folder = temp.File("report");

        var e = Assert.Throws<ModelAuditException>(() => ReportSet.WriteAll(ReportFixture.Build(), folder,
            [new FailingWriter("report.html", new UnauthorizedAccessException("Access to the path is denied."))]));

        Assert.Equal(Path.Combine(folder, "report.html") + ": cannot write the report: Access to the path is denied; the previous report is unchanged", e.Message);
    }

    [Fact]
    public void WriteAll_CustomWriters_AreCalledInOrderWithTheFullFolder()
    {
        using var temp = new TempDir();
        var seen = new List<string>();
        var writers = new[] { new RecordingWriter("a.txt", seen), new RecordingWriter("b.txt", seen) };

        var paths = ReportSet.WriteAll(ReportFixture.Build(), temp.File("out"), writers);

        // Written into the staging folder beside "out", which then becomes "out".
        Assert.All(seen, s => Assert.StartsWith(temp.File(".out.new-"), s, StringComparison.Ordinal));
        Assert.Equal(["a.txt", "b.txt"], seen.Select(s => s.Split('|')[1]));
        Assert.Equal([temp.File("out/a.txt"), temp.File("out/b.txt")], paths);
    }

    private sealed class FailingWriter(string fileName, Exception? failure = null) : IReportWriter
    {
        public string FileName => fileName;

        public void Write(AuditReport report, string directory) => throw failure ?? new IOException("disk on fire");
    }

    private sealed class RecordingWriter(string fileName, List<string> seen) : IReportWriter
    {
        public string FileName => fileName;

        public void Write(AuditReport report, string directory) => seen.Add(directory + "|" + fileName);
    }
}
