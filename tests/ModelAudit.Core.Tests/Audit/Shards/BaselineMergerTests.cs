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
    /// <summary>With <paramref name="faithfulness"/>, each image also gets areas that depend on its path only.</summary>
    private static List<BaselineModel> Accepted(AuditConfig config, string sha = "abc", BaselineFaithfulness? faithfulness = null) =>
    [
        .. config.Models.Select(m => new BaselineModel(m.Name, sha, "gradcam", "conv", [.. m.Images.Select(i =>
        {
            var seed = i.Path.Sum(c => c);
            return new BaselineImage(i.Path, seed % 3, (seed % 100) / 100.0, (seed % 7) / 7.0, 3, 2, [seed, 1, 2, 3, 4, seed % 5],
                faithfulness is null ? null : new FaithfulnessAreas((seed % 11) / 11.0, (seed % 13) / 13.0));
        })], faithfulness)),
    ];

    private List<string> Shards(AuditConfig config, int count, string sha = "abc", string name = "part", BaselineFaithfulness? faithfulness = null,
        BaselineFaithfulness? lastFaithfulness = null)
    {
        var folders = new List<string>();
        for (var k = 1; k <= count; k++)
        {
            var shard = new ShardSpec(k, count);
            var folder = temp.File($"{name}-{k}");
            var part = Sharding.SelectForBaseline(config, shard, folder);
            BaselineStore.WriteAll(folder, Accepted(part, k == count ? sha : "abc", k == count ? lastFaithfulness ?? faithfulness : faithfulness));
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
    public void Merge_ShardsWithFaithfulness_WriteTheSameFilesAsOneAcceptAreasIncluded()
    {
        var config = Config();
        var road = new BaselineFaithfulness(20, "road");
        var whole = temp.File("whole");
        BaselineStore.WriteAll(whole, Accepted(config, faithfulness: road));

        BaselineMerger.Merge(Shards(config, 3, faithfulness: road), temp.File("merged"));

        var expected = Files(whole);
        var actual = Files(temp.File("merged"));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, e => Assert.True(e.Value.SequenceEqual(actual[e.Key]), $"{e.Key} differs"));
        var merged = BaselineStore.Read(temp.File("merged"), "annotated")!;
        Assert.Equal(road, merged.Faithfulness);
        Assert.All(merged.Images, i => Assert.Equal(new FaithfulnessAreas((i.ImagePath.Sum(c => c) % 11) / 11.0, (i.ImagePath.Sum(c => c) % 13) / 13.0), i.Faithfulness));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10)]
    public void Merge_ShardMeasuredFaithfulnessOtherwise_RefusedAndNothingWritten(int? lastSteps)
    {
        var road = new BaselineFaithfulness(20, "road");
        // The last shard measured with other steps, or not at all (null: its settings are "off" while the others' are on).
        var folders = lastSteps is int steps
            ? Shards(Config(), 3, faithfulness: road, lastFaithfulness: road with { Steps = steps })
            : Shards(Config(), 3, faithfulness: null, lastFaithfulness: road);

        var e = Assert.Throws<ModelAuditException>(() => BaselineMerger.Merge(folders, temp.File("merged")));

        // Shard 3 is the odd one out, named first, then shard 1 it was compared with.
        Assert.StartsWith($"{folders[2]}: measured the faithfulness of ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(lastSteps is null
            ? $" with road removal in 20 steps, {folders[0]} not at all; merge only the shards of one accept"
            : $" with road removal in 10 steps, {folders[0]} with road removal in 20 steps; merge only the shards of one accept", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("merged")));
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
