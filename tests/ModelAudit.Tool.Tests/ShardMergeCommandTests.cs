using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`audit --shard K/N` on every shard, then `report merge`: the report of the unsharded audit, as a CI matrix makes it.</summary>
public sealed class ShardMergeCommandTests : IDisposable
{
    private static readonly string[] Files = ["results.json", "junit.xml", "summary.md", "report.html"];

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ShardsThenMerge_Sample_EveryReportFileEqualsTheUnshardedAudit()
    {
        var sample = Path.Combine(RepoPaths.TestData, "sample", "modelaudit.json");

        var (full, merged, fullRun, mergeRun) = FullAndMerged(sample, temp.Path, 3);

        Assert.Equal(0, fullRun.ExitCode);
        Assert.True(mergeRun.ExitCode == 0, mergeRun.Stdout + mergeRun.Stderr);
        Assert.Contains("modelaudit: PASSED (1 model, 9 images", mergeRun.Stdout, StringComparison.Ordinal);
        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(full, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
        }
    }

    [Fact]
    public void ShardsThenMerge_FailingShortcutModel_SameVerdictDiagnosticsAndExitCode()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: true);

        var (full, merged, fullRun, mergeRun) = FullAndMerged(config, temp.Path, 2);

        Assert.Equal(1, fullRun.ExitCode);
        Assert.Equal(1, mergeRun.ExitCode);
        Assert.Equal(Diagnostics(fullRun.Stdout), Diagnostics(mergeRun.Stdout));
        Assert.Contains(Diagnostics(mergeRun.Stdout), l => l.Contains(": error MA1101: shapes/a.png", StringComparison.Ordinal));
        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(full, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
        }
    }

    [Fact]
    public void ShardsThenMerge_FaithfulnessAndSanityOn_EveryReportFileEqualsTheUnshardedAudit()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: true);
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "\"method\": \"gradcam\",", "\"method\": \"gradcam\", \"faithfulness\": { \"steps\": 6, \"maxFaithfulnessDrop\": 0 }, \"sanityCheck\": { \"layers\": 2, \"threshold\": 0 },", StringComparison.Ordinal));
        // A baseline with faithfulness areas, so the comparison with it (faithfulness-drop) travels through the shards too.
        var accept = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        Assert.True(accept.ExitCode == 0, accept.Stdout + accept.Stderr);

        var (full, merged, fullRun, mergeRun) = FullAndMerged(config, temp.Path, 3);

        Assert.Equal(fullRun.ExitCode, mergeRun.ExitCode);
        Assert.Equal(Diagnostics(fullRun.Stdout), Diagnostics(mergeRun.Stdout));
        var results = File.ReadAllText(Path.Combine(merged, "results.json"));
        Assert.Contains("\"sanity\": {", results, StringComparison.Ordinal);
        Assert.Contains("\"deletionAuc\":", results, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"faithfulness-drop\"", results, StringComparison.Ordinal);
        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(full, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
        }
    }

    [Fact]
    public void ShardsThenMerge_BaselineWithoutFaithfulness_NotedOnceAsInTheUnshardedAudit()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var accept = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        Assert.True(accept.ExitCode == 0, accept.Stdout + accept.Stderr);
        // Faithfulness turned on after the accept: every shard with the model's images notes the missing areas.
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "\"method\": \"gradcam\",", "\"method\": \"gradcam\", \"faithfulness\": { \"steps\": 4, \"maxFaithfulnessDrop\": 0 },", StringComparison.Ordinal));

        // Of 3 shards, b.png falls in shard 1 and a.png in shard 2 (by the hash of name and path): both note it, the merge keeps one.
        var (full, merged, fullRun, mergeRun) = FullAndMerged(config, temp.Path, 3);

        Assert.Equal(0, fullRun.ExitCode);
        Assert.Equal(0, mergeRun.ExitCode);
        Assert.All(new[] { 1, 2 }, k => Assert.Contains("\"code\": \"MA1305\"", File.ReadAllText(Path.Combine(temp.Path, $"shard-{k}", "results.json")), StringComparison.Ordinal));
        Assert.Single(fullRun.Stdout.Split('\n'), l => l.Contains(": info MA1305: shapes: the baseline holds no faithfulness areas (accepted with faithfulness off)", StringComparison.Ordinal));
        Assert.Single(mergeRun.Stdout.Split('\n'), l => l.Contains(": info MA1305: ", StringComparison.Ordinal));
        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(full, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))), $"{file} differs");
        }
    }

    [Fact]
    public void Merge_ShardMissing_ExitsTwoWithOneLine()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        ToolProcess.RunIn(temp.Path, "audit", config, "--shard", "1/2", "--report", "s1", "--ci", "--device", "cpu");

        var result = ToolProcess.RunIn(temp.Path, "report", "merge", "s1", "--out", "merged", "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("modelaudit: error: shard(s) 2/2 missing: give the report folders of all 2 shards (a failed shard job still writes its report)\n", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "merged")));
    }

    [Fact]
    public void Audit_BadShard_ExitsTwoBeforeRunning()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--shard", "4/3", "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("modelaudit: error: --shard \"4/3\" is not a shard; write K/N", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "modelaudit-report")));
    }

    [Fact]
    public void BaselineAcceptShardsThenMerge_ShortcutFixture_SameFilesAsOneAcceptAndTheAuditPasses()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        // With faithfulness on, each shard measures its images' areas and the merge writes them as one accept does.
        File.WriteAllText(config, File.ReadAllText(config).Replace(
            "\"method\": \"gradcam\",", "\"method\": \"gradcam\", \"faithfulness\": { \"steps\": 4, \"maxFaithfulnessDrop\": 0 },", StringComparison.Ordinal));
        var accept = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        Assert.True(accept.ExitCode == 0, accept.Stdout + accept.Stderr);
        var whole = Snapshot(Path.Combine(temp.Path, "baseline"));
        Directory.Delete(Path.Combine(temp.Path, "baseline"), recursive: true);

        foreach (var k in new[] { 1, 2 })
        {
            var part = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--shard", $"{k}/2", "--out", $"base-{k}", "--ci", "--device", "cpu");
            Assert.True(part.ExitCode == 0, part.Stdout + part.Stderr);
        }

        var merge = ToolProcess.RunIn(temp.Path, "baseline", "merge", "base-1", "base-2", "--out", "baseline");

        Assert.True(merge.ExitCode == 0, merge.Stdout + merge.Stderr);
        Assert.Equal(whole, Snapshot(Path.Combine(temp.Path, "baseline")));
        var audit = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");
        Assert.True(audit.ExitCode == 0, audit.Stdout);
        Assert.DoesNotContain("MA1205", audit.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MA1305", audit.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"deletionAuc\": ", File.ReadAllText(Path.Combine(temp.Path, "baseline", "shapes", "baseline.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void BaselineAccept_ShardWithoutOut_ExitsTwoSayingWhy()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--shard", "1/2", "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("modelaudit: error: baseline accept --shard needs --out DIR", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "baseline")));
    }

    private static List<string> Snapshot(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f) + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))];

    private static (string Full, string Merged, ToolProcess.Result FullRun, ToolProcess.Result MergeRun) FullAndMerged(string config, string work, int count)
    {
        var full = Path.Combine(work, "full");
        var fullRun = ToolProcess.RunIn(work, "audit", config, "--report", full, "--ci", "--device", "cpu");
        var shards = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var folder = Path.Combine(work, $"shard-{k}");
            var run = ToolProcess.RunIn(work, "audit", config, "--shard", $"{k}/{count}", "--report", folder, "--ci", "--device", "cpu");
            Assert.True(run.ExitCode is 0 or 1, run.Stdout + run.Stderr);
            shards.Add(folder);
        }

        var merged = Path.Combine(work, "merged");
        var mergeRun = ToolProcess.RunIn(work, ["report", "merge", .. shards, "--out", merged, "--ci"]);
        return (full, merged, fullRun, mergeRun);
    }

    private static List<string> Diagnostics(string stdout) =>
        [.. stdout.Split('\n').Where(l => l.Contains(": error MA", StringComparison.Ordinal) || l.Contains(": warning MA", StringComparison.Ordinal))];
}
