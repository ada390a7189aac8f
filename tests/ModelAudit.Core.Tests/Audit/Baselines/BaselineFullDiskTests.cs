using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Tests.IO;

namespace ModelAudit.Core.Tests.Audit.Baselines;

/// <summary>`baseline accept` on a real file system that fills up part way (a 512 KiB tmpfs), at several fill levels.</summary>
public sealed class BaselineFullDiskTests
{
    [TmpfsFact]
    public void WriteAll_RealDiskFillsUp_FailsNamingItAndKeepsThePreviousBaselineWhole()
    {
        var mount = Path.Combine(Path.GetTempPath(), "modelaudit-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mount);
        Assert.True(TmpfsFactAttribute.Mount(mount, 512));
        try
        {
            var folder = Path.Combine(mount, "baseline");
            BaselineStore.WriteAll(folder, Models(1, side: 4));
            var before = Snapshot(folder);
            var filler = Path.Combine(mount, "filler");
            // The new baseline needs about 10 x 16 KiB; leave less than that, from nothing to most of it.
            foreach (var free in new[] { 0, 4096, 20_000, 60_000, 120_000 })
            {
                // Real bytes: tmpfs gives sparse files no pages.
                File.WriteAllBytes(filler, new byte[Math.Max(0, new DriveInfo(mount).AvailableFreeSpace - free)]);

                var e = Assert.Throws<ModelAuditException>(() => BaselineStore.WriteAll(folder, Models(2, side: 64)));

                Assert.Contains("No space left on device", e.Message, StringComparison.Ordinal);
                Assert.EndsWith("the previous baseline is unchanged", e.Message, StringComparison.Ordinal);
                Assert.Equal(before, Snapshot(folder));
                Assert.Equal(["baseline", "filler"], Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName).Order(StringComparer.Ordinal));
                File.Delete(filler);
            }

            BaselineStore.WriteAll(folder, Models(2, side: 64));
            Assert.Equal(2f, BaselineStore.Read(folder, "shapes")!.Images[0].Map[0]);
        }
        finally
        {
            TmpfsFactAttribute.Unmount(mount);
            Directory.Delete(mount, recursive: true);
        }
    }

    private static IReadOnlyList<BaselineModel> Models(float value, int side) =>
    [
        new("shapes", "sha", "gradcam", "conv", [.. Enumerable.Range(0, 10).Select(i => new BaselineImage($"images/{i}.png", 0, 0.5, 0.25, side, side, Enumerable.Repeat(value, side * side).ToArray()))]),
    ];

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
