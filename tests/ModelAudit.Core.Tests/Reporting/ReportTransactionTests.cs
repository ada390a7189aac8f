using ModelAudit.Core.Reporting;
using ModelAudit.Core.Tests.IO;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

/// <summary>
/// The audit's report set stopped at every file-system step (a kill, a full disk): the folder holds the
/// previous set or the new one, byte for byte, never a mix; the next audit finishes or sweeps what is left.
/// </summary>
[Collection(StepSummaryCollection.Name)]
public sealed class ReportTransactionTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Folder => _temp.File("report");

    [Fact]
    public void WriteAll_KilledAtEveryStep_LeavesTheOldSetOrTheNewOne()
    {
        var (old, fresh, steps) = Sets();
        for (var k = 1; k <= steps; k++)
        {
            Reset();
            using (FaultInjector.KillAt(k))
            {
                Assert.Throws<FaultInjector.SimulatedKill>(() => ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), Folder));
            }

            // Killed between the two renames, the folder is briefly absent: the journal names both, the next run finishes.
            if (!Directory.Exists(Folder))
            {
                Assert.True(File.Exists(_temp.File(".report.swap")), $"step {k}: no report and no journal");
                ModelAudit.Core.IO.FolderSwap.RecoverIfInterrupted(Folder, "report");
            }

            var now = Snapshot();
            Assert.True(Same(now, old) || Same(now, fresh), $"killed at step {k}: a mixed or partial report");

            ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), Folder);
            Assert.True(Same(Snapshot(), fresh));
            Assert.Equal(["report"], Entries(_temp.Path));
        }
    }

    [Fact]
    public void WriteAll_DiskFullAtEveryWrite_NamesTheFolderAndKeepsTheOldSet()
    {
        var (old, _, _) = Sets();
        for (var k = 1; ; k++)
        {
            Reset();
            using var full = FaultInjector.DiskFullAt(k);
            try
            {
                ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), Folder);
            }
            catch (ModelAuditException e)
            {
                Assert.Contains("No space left on device", e.Message, StringComparison.Ordinal);
                Assert.EndsWith("the previous report is unchanged", e.Message, StringComparison.Ordinal);
                Assert.True(Same(Snapshot(), old), $"disk full at write {k}");
                Assert.Equal(["report"], Entries(_temp.Path));
                continue;
            }

            Assert.False(full.Fired);
            Assert.True(k > 5, $"only {k - 1} writes");
            break;
        }
    }

    [Fact]
    public void WriteAll_IntoAFolderWithOtherFiles_IsRefusedBeforeAnythingChanges()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "notes.txt"), "mine");

        var e = Assert.Throws<ModelAuditException>(() => ReportSet.WriteAll(ReportFixture.Build(), Folder));

        Assert.Contains("holds \"notes.txt\", which is not part of a modelaudit report", e.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Entries(Folder));
    }

    [Fact]
    public void WriteAll_OverAReportOfAnOlderVersion_ReplacesIt()
    {
        Directory.CreateDirectory(Folder);
        foreach (var name in new[] { "report.html", "results.json", "junit.xml", "summary.md", "inputs.txt", "modelaudit.stamp", ".report.html.77.0123456789abcdef0123456789abcdef.tmp" })
        {
            File.WriteAllText(Path.Combine(Folder, name), "old");
        }

        ReportSet.WriteAll(ReportFixture.Build(), Folder);

        Assert.Equal([".modelaudit-report", "junit.xml", "report.html", "results.json", "summary.md"], Entries(Folder));
    }

    private (Dictionary<string, byte[]> Old, Dictionary<string, byte[]> Fresh, int Steps) Sets()
    {
        ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), Folder);
        var fresh = Snapshot();
        Reset();
        var old = Snapshot();
        using var count = FaultInjector.Count();
        ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), Folder);
        return (old, fresh, count.Steps.Count);
    }

    private void Reset()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_temp.Path))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }

        ReportSet.WriteAll(ReportFixture.Build(shapesName: "old"), Folder);
    }

    private Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(Folder).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllBytes);

    private static bool Same(Dictionary<string, byte[]> a, Dictionary<string, byte[]> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && other.AsSpan().SequenceEqual(p.Value));

    private static List<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
