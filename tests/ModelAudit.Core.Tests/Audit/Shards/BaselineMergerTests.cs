using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Shards;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Shards;

public sealed class BaselineMergerTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditConfig Config()
    {
        var path = temp.File("modelaudit.json");
        File.WriteAllText(path, "{}");
        return ShardFixture.Config(path, images: 10);
    }

    /// <summary>What `baseline accept` records for a config: per image a map and numbers that depend on the image only.</summary>
    private static List<BaselineModel> Accepted(AuditConfig config, string sha = "abc") =>
    [
        .. config.Models.Select(m => new BaselineModel(m.Name, sha, "gradcam", "conv", [.. m.Images.Select(i =>
        {
            var seed = i.Path.Sum(c => c);
            return new BaselineImage(i.Path, seed % 3, (seed % 100) / 100.0, (seed % 7) / 7.0, 3, 2, [seed, 1, 2, 3, 4, seed % 5]);
        })])),
    ];

    private List<string> Shards(AuditConfig config, int count, string sha = "abc", string name = "part")
    {
        var folders = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var shard = new ShardSpec(k, count);
            var folder = temp.File($"{name}-{k}");
            var part = Sharding.SelectForBaseline(config, shard, folder);
            BaselineStore.WriteAll(folder, Accepted(part, k == count ? sha : "abc"));
            Sharding.MarkBaseline(config, part, shard, folder);
            folders.Add(folder);
        }

        return folders;
    }

    private static Dictionary<string, byte[]> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Merge_AllShards_WritesTheSameFilesAsOneAccept(int count)
    {
        var config = Config();
        var whole = temp.File("whole");
        BaselineStore.WriteAll(whole, Accepted(config));

        BaselineMerger.Merge(Shards(config, count), temp.File("merged"));

        var expected = Files(whole);
        var actual = Files(temp.File("merged"));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.True(e.Value.SequenceEqual(actual[e.Key]), $"{e.Key} differs"));
        Assert.Equal(10, BaselineStore.Read(temp.File("merged"), "annotated")!.Images.Count);
    }

    [Fact]
    public void Merge_ShardMissing_RefusedAndNothingWritten()
    {
        var folders = Shards(Config(), 3);

        var e = Assert.Throws<ModelAuditException>(() => BaselineMerger.Merge([folders[0], folders[1]], temp.File("merged")));

        Assert.StartsWith("shard(s) 3/3 missing", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("merged")));
    }

    [Fact]
    public void Merge_ModelFileDiffersBetweenShards_RefusedNamingTheModel()
    {
        var folders = Shards(Config(), 2, sha: "def");

        var e = Assert.Throws<ModelAuditException>(() => BaselineMerger.Merge(folders, temp.File("merged")));

        Assert.Contains("from another model file, method or layer", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("merged")));
    }

    [Fact]
    public void Merge_ImageInTwoShards_Refused()
    {
        var config = Config();
        var folders = Shards(config, 2);
        // Shard 2's folder also gets a copy of shard 1's models: not what two shards of one accept hold.
        BaselineStore.WriteAll(folders[1], Accepted(Sharding.Select(config, new ShardSpec(1, 2))).Concat(Accepted(Sharding.Select(config, new ShardSpec(2, 2))))
            .GroupBy(m => m.ModelName).Select(g => g.First() with { Images = [.. g.SelectMany(m => m.Images)] }).ToList());

        var e = Assert.Throws<ModelAuditException>(() => BaselineMerger.Merge(folders, temp.File("merged")));

        Assert.Contains("an image belongs to one shard", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_FolderWithoutMarker_SaysItIsNoFinishedShard()
    {
        var folder = temp.File("plain");
        Directory.CreateDirectory(folder);

        var e = Assert.Throws<ModelAuditException>(() => BaselineMerger.Merge([folder], temp.File("merged")));

        Assert.Contains("is not a finished shard baseline", e.Message, StringComparison.Ordinal);
    }
}
