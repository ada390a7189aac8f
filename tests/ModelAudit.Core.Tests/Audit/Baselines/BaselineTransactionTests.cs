using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Tests.IO;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Baselines;

/// <summary>
/// `baseline accept` stopped at every file-system step (a kill, a full disk): the baseline afterwards is the
/// previous one for every model or the new one for every model, never a mix, and reads without error.
/// </summary>
public sealed class BaselineTransactionTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Folder => _temp.File("baseline");

    private static IReadOnlyList<BaselineModel> Models(float value) =>
    [
        new("shapes", "sha-" + value, "gradcam", "conv", [Image("images/a.png", value), Image("images/b.png", value + 1)]),
        new("digits", "sha-" + value, "gradcam", "conv", [Image("c.png", value + 2)]),
    ];

    private static BaselineImage Image(string path, float value) => new(path, 0, 0.5, 0.25, 2, 2, [value, value, value, value]);

    [Fact]
    public void WriteAll_KilledAtEveryStep_LeavesAllOldOrAllNew()
    {
        var steps = StepsOfOneAccept();
        for (var k = 1; k <= steps; k++)
        {
            Reset();
            using (FaultInjector.KillAt(k))
            {
                Assert.Throws<FaultInjector.SimulatedKill>(() => BaselineStore.WriteAll(Folder, Models(2)));
            }

            // The next run reads (and, if the kill fell between the two renames, finishes the swap first).
            var seen = State();
            Assert.True(seen is 1 or 2, $"killed at step {k}: {seen}");

            BaselineStore.WriteAll(Folder, Models(3));
            Assert.Equal(3, State());
            Assert.Equal(["baseline"], Entries(_temp.Path));
        }
    }

    [Fact]
    public void WriteAll_DiskFullAtEveryWrite_ExitsCleanlyWithThePreviousBaselineWhole()
    {
        var writes = 0;
        using (var count = FaultInjector.Count())
        {
            Reset();
            count.Steps.Clear();
            BaselineStore.WriteAll(Folder, Models(2));
            writes = count.Steps.Count(s => s.StartsWith("write ", StringComparison.Ordinal) || s.StartsWith("copy ", StringComparison.Ordinal) || s.StartsWith("mkdir ", StringComparison.Ordinal));
        }

        Assert.True(writes >= 5, $"only {writes} writes");
        for (var k = 1; k <= writes; k++)
        {
            Reset();
            using (var full = FaultInjector.DiskFullAt(k))
            {
                var e = Assert.Throws<ModelAuditException>(() => BaselineStore.WriteAll(Folder, Models(2)));
                Assert.True(full.Fired);
                Assert.StartsWith($"{Folder}: cannot write the baseline: No space left on device", e.Message, StringComparison.Ordinal);
                Assert.EndsWith("the previous baseline is unchanged", e.Message, StringComparison.Ordinal);
            }

            Assert.Equal(1, State());
            Assert.Equal(["baseline"], Entries(_temp.Path));
        }
    }

    private int StepsOfOneAccept()
    {
        Reset();
        using var count = FaultInjector.Count();
        BaselineStore.WriteAll(Folder, Models(2));
        Assert.Contains(count.Steps, s => s.StartsWith("rename " + Folder, StringComparison.Ordinal));
        return count.Steps.Count;
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

        BaselineStore.WriteAll(Folder, Models(1));
    }

    /// <summary>Which accept every model's baseline comes from; fails on a mix or a corrupt file.</summary>
    private int State()
    {
        var shapes = BaselineStore.Read(Folder, "shapes")!;
        var digits = BaselineStore.Read(Folder, "digits")!;
        var value = (int)shapes.Images[0].Map[0];
        Assert.Equal(
            [value, value + 1, value + 2],
            [(int)shapes.Images[0].Map[0], (int)shapes.Images[1].Map[3], (int)digits.Images[0].Map[0]]);
        Assert.Equal("sha-" + value, shapes.ModelSha256);
        Assert.Equal("sha-" + value, digits.ModelSha256);
        return value;
    }

    private static List<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
