using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Shards;
using ModelAudit.Core.Reporting;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Shards;

public sealed class ReportMergerTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditConfig Config(int images = 12)
    {
        var path = temp.File("modelaudit.json");
        File.WriteAllText(path, "{ \"the config's bytes\": 1 }");
        return ShardFixture.Config(path, images);
    }

    /// <summary>Runs shards 1..N the way `audit --shard` does and returns their report folders.</summary>
    private List<string> Shards(AuditConfig config, int count, Func<AuditReport, AuditReport>? edit = null, string name = "shard")
    {
        var folders = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var shard = new ShardSpec(k, count);
            var report = ShardFixture.Audit(Sharding.Select(config, shard));
            report = edit is null || k != count ? report : edit(report);
            var folder = temp.File($"{name}-{k}");
            Directory.CreateDirectory(folder);
            Sharding.PartialReport(config, shard).Write(report, folder);
            folders.Add(folder);
        }

        return folders;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Merge_AllShards_ResultsJsonAndJUnitEqualTheUnshardedRun(int count)
    {
        var config = Config();
        var full = ShardFixture.Audit(config);

        var merged = ReportMerger.Merge(Shards(config, count));

        Assert.Equal(JsonReportWriter.Render(full), JsonReportWriter.Render(merged));
        Assert.Equal(JUnitReportWriter.Render(full), JUnitReportWriter.Render(merged));
        Assert.Equal(full.Models.SelectMany(m => m.ActivationGrids.Select(g => g.Title)), merged.Models.SelectMany(m => m.ActivationGrids.Select(g => g.Title)));
    }

    [Fact]
    public void Merge_MoreShardsThanImages_EmptyShardsMergeToo()
    {
        var config = Config(images: 1);
        var full = ShardFixture.Audit(config);

        var merged = ReportMerger.Merge(Shards(config, 9));

        Assert.Equal(JsonReportWriter.Render(full), JsonReportWriter.Render(merged));
    }

    [Fact]
    public void Merge_ModelOnlyDiagnostics_KeptOnceThoughEveryShardRepeatsThem()
    {
        var config = Config();

        var merged = ReportMerger.Merge(Shards(config, 3));

        // No baseline: one MA1205 per model, although each of the three shards holding a model reported it.
        Assert.Equal(3, merged.Findings.Count(f => f.Code == ModelAudit.Core.Audit.DiagnosticCodes.NoBaseline));
    }

    [Fact]
    public void Merge_ShardMissing_RefusesNamingIt()
    {
        var folders = Shards(Config(), 3);

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge([folders[0], folders[2]]));

        Assert.StartsWith("shard(s) 2/3 missing: give the report folders of all 3 shards", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ShardTwice_RefusesNamingBothFolders()
    {
        var folders = Shards(Config(), 2);

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge([folders[0], folders[1], folders[0]]));

        Assert.Contains("is shard 1/2 again", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ShardsOfDifferentConfigs_Refused()
    {
        var config = Config();
        var folders = Shards(config, 2);
        File.AppendAllText(config.Path, " ");
        Sharding.PartialReport(config, new ShardSpec(2, 2)).Write(ShardFixture.Audit(Sharding.Select(config, new ShardSpec(2, 2))), folders[1]);

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge(folders));

        Assert.Contains("another modelaudit.json (sha256)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ShardsOfDifferentShardCounts_Refused()
    {
        var config = Config();
        var two = Shards(config, 2, name: "two");
        var three = Shards(config, 3, name: "three");

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge([two[0], three[1]]));

        Assert.Contains("another shard count", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ModelFileDiffersBetweenShards_RefusedNamingTheModel()
    {
        var folders = Shards(Config(), 2, r => r with { Models = [.. r.Models.Select(m => m with { Sha256 = new string('b', 64) })] });

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge(folders));

        Assert.Matches("audited (shapes|annotated|empty) with another model file \\(sha256\\)", e.Message);
    }

    [Fact]
    public void Merge_FolderWithoutShardFile_SaysHowToMakeOne()
    {
        var plain = temp.File("plain-report");
        Directory.CreateDirectory(plain);

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge([plain]));

        Assert.Contains("is not the report of a sharded audit (run `modelaudit audit --shard K/N", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_TruncatedShardFile_RefusedAsUnreadable()
    {
        var folders = Shards(Config(), 1);
        var file = Path.Combine(folders[0], PartialReport.FileName);
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]);

        var e = Assert.Throws<ModelAuditException>(() => ReportMerger.Merge(folders));

        Assert.StartsWith($"{file}: is not a readable shard report", e.Message, StringComparison.Ordinal);
    }
}
