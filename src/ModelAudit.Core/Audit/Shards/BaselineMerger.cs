using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// `modelaudit baseline merge`: the partial baselines of shards 1..N (each from `baseline accept --shard K/N --out DIR`)
/// become one baseline per model, written like any accept: as one transaction, baseline.json v3 with each map's
/// SHA-256 (<see cref="BaselineStore.WriteAll"/>). Partial baselines of different configs, shard counts or model
/// files, an image from two shards, and a missing shard are refused before anything is written.
/// </summary>
public static class BaselineMerger
{
    public static IReadOnlyList<BaselineModel> Merge(IReadOnlyList<string> folders, string target)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new ModelAuditException("baseline merge needs the baseline folders of the shards, e.g. modelaudit baseline merge base-1 base-2 base-3 --out .modelaudit/baseline");
        }

        var parts = folders.Select(f => (Folder: f, Shard: BaselineShard.Read(f))).ToList();
        var count = ShardSpec.Parse(parts[0].Shard.Shard, $"{Path.Combine(parts[0].Folder, BaselineShard.FileName)}: shard").Count;
        var seen = new Dictionary<int, string>();
        foreach (var (folder, shard) in parts)
        {
            var spec = ShardSpec.Parse(shard.Shard, $"{Path.Combine(folder, BaselineShard.FileName)}: shard");
            if (spec.Count != count || shard.ConfigSha256 != parts[0].Shard.ConfigSha256)
            {
                throw new ModelAuditException(
                    $"{folder}: is shard {spec} of config sha256 {ReportShort(shard.ConfigSha256)}, {parts[0].Folder} shard {parts[0].Shard.Shard} of {ReportShort(parts[0].Shard.ConfigSha256)}; merge only the shards of one accept, run from one commit");
            }

            if (!seen.TryAdd(spec.Index, folder))
            {
                throw new ModelAuditException($"{folder}: is shard {spec} again (also {seen[spec.Index]}); give each shard's baseline folder once");
            }
        }

        var missing = Enumerable.Range(1, count).Where(k => !seen.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelAuditException($"shard(s) {string.Join(", ", missing.Select(k => $"{k}/{count}"))} missing: give the baseline folders of all {count} shards");
        }

        var merged = new List<BaselineModel>();
        foreach (var group in parts.SelectMany(p => p.Shard.Models.Select(m => (p.Folder, Model: m))).GroupBy(x => x.Model.Name, StringComparer.Ordinal))
        {
            merged.Add(MergeModel(group.Key, [.. group]));
        }

        BaselineStore.WriteAll(target, merged);
        return merged;
    }

    private static BaselineModel MergeModel(string name, List<(string Folder, BaselineShardModel Model)> pieces)
    {
        BaselineModel? first = null;
        string? firstFolder = null;
        var images = new Dictionary<string, (string Folder, BaselineImage Image)>(StringComparer.Ordinal);
        foreach (var (folder, _) in pieces)
        {
            var model = BaselineStore.Read(folder, name)
                ?? throw new ModelAuditException($"{folder}: has no baseline of {PrintableText.Escape(name)} although its shard.json lists it; rerun that shard");
            if (first is null)
            {
                (first, firstFolder) = (model, folder);
            }
            else if (model.ModelSha256 != first.ModelSha256 || model.Method != first.Method || model.Layer != first.Layer)
            {
                throw new ModelAuditException(
                    $"{folder}: accepted {PrintableText.Escape(name)} from another model file, method or layer than {firstFolder} ({ReportShort(model.ModelSha256)} {model.Method} at {PrintableText.Escape(model.Layer)} vs {ReportShort(first.ModelSha256)} {first.Method} at {PrintableText.Escape(first.Layer)}); merge only the shards of one accept");
            }
            else if (model.Faithfulness != first.Faithfulness)
            {
                // One baseline.json records one way of measuring faithfulness for all its images.
                throw new ModelAuditException(
                    $"{folder}: measured the faithfulness of {PrintableText.Escape(name)} {Describe(model.Faithfulness)}, {firstFolder} {Describe(first.Faithfulness)}; merge only the shards of one accept");
            }

            foreach (var image in model.Images)
            {
                if (!images.TryAdd(image.ImagePath, (folder, image)))
                {
                    throw new ModelAuditException(
                        $"{folder}: {PrintableText.Escape(name)}/{PrintableText.Escape(image.ImagePath)} is also in {images[image.ImagePath].Folder}; an image belongs to one shard, so these are not the shards of one accept");
                }
            }
        }

        var expected = pieces[0].Model.ImageCount;
        if (images.Count != expected)
        {
            throw new ModelAuditException($"{PrintableText.Escape(name)}: the shards hold {images.Count} of its {expected} baseline images; give the baseline folders of all shards");
        }

        return first! with { Images = [.. images.Values.Select(v => v.Image)] };
    }

    private static string Describe(BaselineFaithfulness? f) => f is null ? "not at all" : $"with {f.Removal} removal in {f.Steps} steps";

    private static string ReportShort(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
