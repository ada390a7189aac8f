using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// The part of a config one shard audits: each model with the images <see cref="ShardAssignment"/> gives this
/// shard, in config order; a model none of whose images fall here is left out (another shard reports it), unless
/// this shard runs its sanity check.
/// </summary>
internal static class ShardConfig
{
    public static AuditConfig Select(AuditConfig config, ShardSpec shard, string? baselineDirectory = null)
    {
        var models = new List<ModelEntry>();
        foreach (var model in config.Models)
        {
            if (model.Images.Count == 0)
            {
                if (ShardAssignment.Owns(shard, model.Name, null))
                {
                    models.Add(model);
                }

                continue;
            }

            var images = model.Images.Where(i => ShardAssignment.Owns(shard, model.Name, i.Path)).ToList();
            // The shard that runs the model's sanity check audits the model even when none of its images fall here.
            if (images.Count > 0 || (model.Sanity is not null && ShardAssignment.Owns(shard, model.Name, null)))
            {
                models.Add(With(model, images, shard));
            }
        }

        return new AuditConfig
        {
            Path = config.Path,
            Directory = config.Directory,
            BaselineDirectory = baselineDirectory ?? config.BaselineDirectory,
            Models = models,
            Report = config.Report,
        };
    }

    // A copy with only the shard's images: every other setting (layer hints, thresholds, ...) carries over.
    private static ModelEntry With(ModelEntry model, IReadOnlyList<ImageEntry> images, ShardSpec shard) => model with
    {
        Images = images,
        LayerFitImages = model.LayerFitImages ?? model.Images,
        // The sanity check runs in one shard (by the model's name), on the first images of the whole model, as unsharded.
        Sanity = model.Sanity is { } sanity && ShardAssignment.Owns(shard, model.Name, null) ? sanity with { From = model.Images } : null,
    };
}
