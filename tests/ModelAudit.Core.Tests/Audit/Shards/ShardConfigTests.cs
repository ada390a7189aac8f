using System.Reflection;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Shards;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Audit.Shards;

public sealed class ShardConfigTests
{
    private static readonly AuditConfig Full = ShardFixture.Config("/repo/modelaudit.json", images: 30);

    [Fact]
    public void Select_AllShards_PartitionEveryModelsImagesInConfigOrder()
    {
        var parts = Enumerable.Range(1, 4).Select(k => Sharding.Select(Full, new ShardSpec(k, 4))).ToList();

        foreach (var model in Full.Models.Where(m => m.Images.Count > 0))
        {
            var pieces = parts.SelectMany(p => p.Models.Where(m => m.Name == model.Name)).ToList();
            var union = pieces.SelectMany(m => m.Images).ToList();
            Assert.Equal(model.Images.Count, union.Count);
            Assert.Equal(model.Images.ToHashSet(), union.ToHashSet());
            Assert.All(pieces, p => Assert.Equal(model.Images.Where(p.Images.Contains), p.Images));
        }

        // A model without images goes to exactly one shard, by its name.
        Assert.Single(parts, p => p.Models.Any(m => m.Name == "empty"));
    }

    [Fact]
    public void Select_EveryShard_FitsTheLayerToTheWholeModelsRegions()
    {
        // "auto" picks the layer by the smallest region: every shard must pick the one the unsharded audit picks.
        foreach (var k in Enumerable.Range(1, 4))
        {
            foreach (var part in Sharding.Select(Full, new ShardSpec(k, 4)).Models.Where(m => m.Images.Count > 0))
            {
                Assert.Equal(Full.Models.Single(m => m.Name == part.Name).Images, part.LayerFitImages);
            }
        }
    }

    [Fact]
    public void Select_ImagesAddedElsewhere_KeepTheirShard()
    {
        var bigger = ShardFixture.Config("/repo/modelaudit.json", images: 60);

        var before = Sharding.Select(Full, new ShardSpec(2, 3)).Models[0].Images.Select(i => i.Path);
        var after = Sharding.Select(bigger, new ShardSpec(2, 3)).Models[0].Images.Select(i => i.Path);

        Assert.Equal(before, after.Where(before.Contains));
        Assert.Equal(before, after.Take(before.Count()));
    }

    [Fact]
    public void Select_ShardModel_CarriesEveryPropertyOfTheConfiguredModel()
    {
        var model = Full.Models[0];
        var part = Sharding.Select(Full, new ShardSpec(1, 2)).Models.Single(m => m.Name == model.Name);
        var bare = new ModelEntry
        {
            Name = "", Path = "", FullPath = "", Location = default, Preprocess = PreprocessOverrides.None, Thresholds = Thresholds.Default, Images = [],
        };

        foreach (var property in typeof(ModelEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name is not (nameof(ModelEntry.Images) or nameof(ModelEntry.Sanity) or nameof(ModelEntry.LayerFitImages))))
        {
            Assert.False(Equals(property.GetValue(bare), property.GetValue(model)), $"ShardFixture leaves ModelEntry.{property.Name} at its default; set it so its copy is checked");
            Assert.True(Equals(property.GetValue(model), property.GetValue(part)), $"ModelEntry.{property.Name} is not copied into a shard's model (ShardConfig.With)");
        }
    }

    [Fact]
    public void Select_ShardConfig_CarriesEveryPropertyOfTheConfig()
    {
        var part = Sharding.Select(Full, new ShardSpec(1, 2));

        foreach (var property in typeof(AuditConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != nameof(AuditConfig.Models)))
        {
            Assert.True(Equals(property.GetValue(Full), property.GetValue(part)), $"AuditConfig.{property.Name} is not copied into a shard's config (ShardConfig.Select)");
        }
    }

    [Fact]
    public void Select_SanityCheck_RunsInOneShardOnTheWholeModelsImages()
    {
        var model = Full.Models[0];
        var parts = Enumerable.Range(1, 5).Select(k => Sharding.Select(Full, new ShardSpec(k, 5)).Models.SingleOrDefault(m => m.Name == model.Name)).ToList();

        var withSanity = Assert.Single(parts, p => p?.Sanity is not null)!;
        Assert.Same(model.Images, withSanity.Sanity!.From);
        Assert.Equal(model.Sanity! with { From = model.Images }, withSanity.Sanity);
    }
}
