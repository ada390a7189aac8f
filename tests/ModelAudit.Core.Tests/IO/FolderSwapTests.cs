using ModelAudit.Core.IO;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.IO;

public sealed class FolderSwapTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Target => _temp.File("target");

    [Fact]
    public void Commit_ReplacesTheFolderAndLeavesNothingBeside()
    {
        Fill(Target, "old");
        using (var swap = FolderSwap.Begin(Target, "test"))
        {
            File.WriteAllText(Path.Combine(swap.Staging, "a.txt"), "new");
            swap.Commit();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.False(File.Exists(Path.Combine(Target, "b.txt")));
        Assert.Equal(["target"], Entries(_temp.Path));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesTheOldFolderAndNoStaging()
    {
        Fill(Target, "old");
        using (var swap = FolderSwap.Begin(Target, "test"))
        {
            File.WriteAllText(Path.Combine(swap.Staging, "a.txt"), "new");
        }

        Assert.Equal("old", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.Equal(["target"], Entries(_temp.Path));
    }

    [Fact]
    public void KilledAtEveryStep_TheFolderIsOldOrNewAfterRecovery_AndTheNextRunSweepsTheRest()
    {
        int steps;
        using (var count = FaultInjector.Count())
        {
            Fill(Target, "old");
            SwapIn("new");
            steps = count.Steps.Count;
        }

        Assert.True(steps >= 6, $"only {steps} steps");
        for (var k = 1; k <= steps; k++)
        {
            Directory.Delete(_temp.Path, recursive: true);
            Directory.CreateDirectory(_temp.Path);
            Fill(Target, "old");
            using (var kill = FaultInjector.KillAt(k))
            {
                Assert.Throws<FaultInjector.SimulatedKill>(() => SwapIn("new"));
            }

            FolderSwap.RecoverIfInterrupted(Target, "test");
            var content = File.ReadAllText(Path.Combine(Target, "a.txt"));
            Assert.True(content is "old" or "new", $"step {k}: {content}");
            Assert.Equal(content == "old", File.Exists(Path.Combine(Target, "b.txt")));

            SwapIn("next");
            Assert.Equal("next", File.ReadAllText(Path.Combine(Target, "a.txt")));
            Assert.Equal(["target"], Entries(_temp.Path));
        }
    }

    [Fact]
    public void Begin_WhileAnotherRunHoldsTheFolder_WaitsThenFailsNamingIt()
    {
        using var first = FolderSwap.Begin(Target, "report");

        var e = Assert.Throws<ModelAuditException>(() => FolderSwap.Begin(Target, "report", TimeSpan.FromMilliseconds(300)));

        Assert.StartsWith($"{Target}: another modelaudit run is writing this report", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Begin_AfterTheOtherRunFinished_Proceeds()
    {
        var first = FolderSwap.Begin(Target, "report");
        var release = Task.Run(async () =>
        {
            await Task.Delay(200);
            first.Dispose();
        });

        using (var second = FolderSwap.Begin(Target, "report", TimeSpan.FromSeconds(30)))
        {
            second.Commit();
        }

        await release;
        Assert.True(Directory.Exists(Target));
    }

    [Fact]
    public void Begin_FileSystemRoot_IsRefused()
    {
        var root = Path.GetPathRoot(Path.GetFullPath("/"))!;

        var e = Assert.Throws<ModelAuditException>(() => FolderSwap.Begin(root, "baseline"));

        Assert.Contains("is the root of the file system; the baseline needs a folder of its own", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Begin_StaleTemporariesOfKilledRuns_AreRemovedButNothingElse()
    {
        Fill(Target, "old");
        Directory.CreateDirectory(_temp.File($".target.new-123-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(_temp.File($".target.old-9-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(_temp.File(".target.new-mine"));
        Directory.CreateDirectory(_temp.File("other"));

        SwapIn("new");

        Assert.Equal([".target.new-mine", "other", "target"], Entries(_temp.Path));
    }

    private void SwapIn(string content)
    {
        using var swap = FolderSwap.Begin(Target, "test");
        File.WriteAllText(Path.Combine(swap.Staging, "a.txt"), content);
        swap.Commit();
    }

    private static void Fill(string folder, string content)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.txt"), content);
        File.WriteAllText(Path.Combine(folder, "b.txt"), content);
    }

    private static List<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;
}
