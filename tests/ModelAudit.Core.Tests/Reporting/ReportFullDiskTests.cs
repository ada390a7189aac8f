using ModelAudit.Core.Reporting;
using ModelAudit.Core.Tests.IO;

namespace ModelAudit.Core.Tests.Reporting;

/// <summary>The audit's report set on a real file system that fills up part way (a 512 KiB tmpfs), at several fill levels.</summary>
[Collection(StepSummaryCollection.Name)]
public sealed class ReportFullDiskTests
{
    [TmpfsFact]
    public void WriteAll_RealDiskFillsUp_FailsNamingItAndKeepsThePreviousReportWhole()
    {
        var mount = Path.Combine(Path.GetTempPath(), "modelaudit-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mount);
        Assert.True(TmpfsFactAttribute.Mount(mount, 512));
        try
        {
            var folder = Path.Combine(mount, "report");
            ReportSet.WriteAll(ReportFixture.Build(shapesName: "old"), folder);
            var before = Snapshot(folder);
            // The snapshot holds hex strings: two characters a byte.
            var needs = before.Values.Sum(b => (long)b.Length / 2);
            var filler = Path.Combine(mount, "filler");
            // Leave less room than a second report set needs, from nothing to most of it.
            foreach (var free in new[] { 0L, 4096, needs / 4, needs / 2, needs * 3 / 4 })
            {
                // Real bytes: tmpfs gives sparse files no pages.
                File.WriteAllBytes(filler, new byte[Math.Max(0, new DriveInfo(mount).AvailableFreeSpace - free)]);

                var e = Assert.Throws<ModelAuditException>(() => ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), folder));

                Assert.Contains("No space left on device", e.Message, StringComparison.Ordinal);
                Assert.EndsWith("the previous report is unchanged", e.Message, StringComparison.Ordinal);
                Assert.Equal(before, Snapshot(folder));
                Assert.Equal(["filler", "report"], Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal));
                File.Delete(filler);
            }

            ReportSet.WriteAll(ReportFixture.Build(shapesName: "fresh"), folder);
            Assert.Contains("fresh", File.ReadAllText(Path.Combine(folder, "summary.md")), StringComparison.Ordinal);
        }
        finally
        {
            TmpfsFactAttribute.Unmount(mount);
            Directory.Delete(mount, recursive: true);
        }
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
