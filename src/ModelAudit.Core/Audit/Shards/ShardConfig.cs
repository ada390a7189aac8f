using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// The part of a config one shard audits: each model with the images <see cref="ShardAssignment"/> gives this
/// shard, in config order; a model none of whose images fall here is left out (another shard reports it).
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
            if (images.Count > 0)
            {
                models.Add(With(model, images));
            }
        }

        return new AuditConfig
        {
            Path = config.Path,
            Directory = config.Directory,
            BaselineDirectory = baselineDirectory ?? config.BaselineDirectory,
            Models = models,
        };
    }

    // Every property of ModelEntry: ShardConfigTests compares them by reflection, so a new one cannot be forgotten here.
    private static ModelEntry With(ModelEntry model, IReadOnlyList<ImageEntry> images) => new()
    {
        Name = model.Name,
        Path = model.Path,
        FullPath = model.FullPath,
        Location = model.Location,
        Preprocess = model.Preprocess,
        Labels = model.Labels,
        Method = model.Method,
        Layer = model.Layer,
        LayerHints = model.LayerHints,
        Score = model.Score,
        Thresholds = model.Thresholds,
        Images = images,
        Input = model.Input,
        Output = model.Output,
        Fields = model.Fields,
    };
}
