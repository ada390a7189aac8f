using System.Text.Json;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// `modelaudit report merge`: the partial report sets of shards 1..N of one audit become the report of the whole
/// audit. Models, images and diagnostics go back to config order; a model's own facts and pictures come from the
/// shard that holds its first image (as the unsharded run takes them); diagnostics about a model rather than an
/// image, which every shard holding the model repeats, are kept once. Sets from different configs, models,
/// baselines, tool versions or shard counts are refused: their sum would be no audit that ran.
/// </summary>
public static class ReportMerger
{
    public static AuditReport Merge(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new ModelAuditException("report merge needs the report folders of the shards, e.g. modelaudit report merge shard-1 shard-2 shard-3 --out report");
        }

        var parts = folders.Select(f => (Folder: f, Part: Read(f))).ToList();
        var first = parts[0];
        var count = ShardSpec.Parse(first.Part.Shard, $"{FileOf(first.Folder)}: shard").Count;
        var seen = new Dictionary<int, string>();
        foreach (var (folder, part) in parts)
        {
            var shard = ShardSpec.Parse(part.Shard, $"{FileOf(folder)}: shard");
            Same(first, (folder, part), "shard count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), shard.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Same(first, (folder, part), "modelaudit.json (sha256)", first.Part.ConfigSha256, part.ConfigSha256);
            Same(first, (folder, part), "tool version", first.Part.Report.ToolVersion, part.Report.ToolVersion);
            Same(first, (folder, part), "--fail-on", first.Part.Report.FailOn, part.Report.FailOn);
            if (!seen.TryAdd(shard.Index, folder))
            {
                throw new ModelAuditException($"{folder}: is shard {shard} again (also {seen[shard.Index]}); give each shard's report folder once");
            }
        }

        var missing = Enumerable.Range(1, count).Where(k => !seen.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ModelAuditException(
                $"shard(s) {string.Join(", ", missing.Select(k => $"{k}/{count}"))} missing: give the report folders of all {count} shards (a failed shard job still writes its report)");
        }

        return first.Part.Report with
        {
            Models = MergeModels(parts),
            Findings = MergeFindings(parts),
        };
    }

    private static PartialReport Read(string folder)
    {
        var file = FileOf(folder);
        if (!File.Exists(file))
        {
            throw new ModelAuditException(
                Directory.Exists(folder)
                    ? $"{file}: not found; {folder} is not the report of a sharded audit (run `modelaudit audit --shard K/N --report {folder}`)"
                    : $"{folder}: no such folder; give the report folders the shard jobs wrote");
        }

        try
        {
            var part = PartialReportJson.Deserialize(File.ReadAllBytes(file));
            if (part.Format != PartialReport.CurrentFormat)
            {
                throw new ModelAuditException($"{file}: shard format {part.Format} is not supported by this tool (it reads format {PartialReport.CurrentFormat}); run every shard and the merge with one tool version");
            }

            if (part.Models.Count != part.Report.Models.Count || part.Findings.Count != part.Report.Findings.Count)
            {
                throw new ModelAuditException($"{file}: its model or finding lists do not match its report; rerun that shard");
            }

            return part;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or FormatException)
        {
            throw new ModelAuditException($"{file}: is not a readable shard report ({e.Message}); rerun that shard", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{file}: cannot be read: {e.Message}", e);
        }
    }

    private static string FileOf(string folder) => Path.Combine(folder, PartialReport.FileName);

    private static void Same((string Folder, PartialReport Part) a, (string Folder, PartialReport Part) b, string what, string x, string y)
    {
        if (!string.Equals(x, y, StringComparison.Ordinal))
        {
            throw new ModelAuditException(
                $"{b.Folder}: was made with another {what} than {a.Folder} ({PrintableText.Escape(y)} vs {PrintableText.Escape(x)}); merge only the shards of one audit, run from one commit");
        }
    }

    private static List<ModelResult> MergeModels(List<(string Folder, PartialReport Part)> parts)
    {
        var byModel = new SortedDictionary<int, List<(string Folder, PartialModel Where, ModelResult Result)>>();
        foreach (var (folder, part) in parts)
        {
            for (var k = 0; k < part.Models.Count; k++)
            {
                var where = part.Models[k];
                if (!byModel.TryGetValue(where.Index, out var list))
                {
                    byModel[where.Index] = list = [];
                }

                list.Add((folder, where, part.Report.Models[k]));
            }
        }

        var merged = new List<ModelResult>();
        foreach (var pieces in byModel.Values)
        {
            var primary = pieces.MinBy(p => p.Where.Images.Count > 0 ? p.Where.Images.Min() : int.MaxValue);
            foreach (var piece in pieces)
            {
                SameModel(primary, piece);
            }

            var images = new SortedDictionary<int, ImageResult>();
            foreach (var piece in pieces)
            {
                for (var i = 0; i < piece.Where.Images.Count; i++)
                {
                    if (!images.TryAdd(piece.Where.Images[i], piece.Result.Images[i]))
                    {
                        throw new ModelAuditException($"{piece.Folder}: {piece.Result.Name}/{piece.Result.Images[i].Path} was audited by two shards; merge only the shards of one audit");
                    }
                }
            }

            if (images.Count != primary.Where.ImageCount)
            {
                throw new ModelAuditException(
                    $"{primary.Result.Name}: the shards hold {images.Count} of its {primary.Where.ImageCount} images; give the report folders of all shards");
            }

            // The sanity check ran in one shard, not necessarily the one holding the first image.
            var sanity = pieces.Select(p => p.Result.Sanity).FirstOrDefault(s => s is not null);
            merged.Add(primary.Result with { Images = [.. images.Values], Sanity = sanity });
        }

        return merged;
    }

    private static void SameModel((string Folder, PartialModel Where, ModelResult Result) a, (string Folder, PartialModel Where, ModelResult Result) b)
    {
        foreach (var (what, x, y) in new[]
        {
            ("model file (sha256)", a.Result.Sha256, b.Result.Sha256),
            ("baseline (model sha256)", a.Result.BaselineSha256 ?? "none", b.Result.BaselineSha256 ?? "none"),
            ("method", a.Result.Method, b.Result.Method),
            ("layer", a.Result.Layer, b.Result.Layer),
            ("score", a.Result.Score, b.Result.Score),
            ("preprocessing", a.Result.Preprocessing, b.Result.Preprocessing),
        })
        {
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                throw new ModelAuditException(
                    $"{b.Folder}: audited {PrintableText.Escape(b.Result.Name)} with another {what} than {a.Folder} ({PrintableText.Escape(y)} vs {PrintableText.Escape(x)}); merge only the shards of one audit, run from one commit");
            }
        }
    }

    /// <summary>Config order: per model its own diagnostics (each kept as often as the shard that repeats it most), then per image its diagnostics.</summary>
    private static List<Finding> MergeFindings(List<(string Folder, PartialReport Part)> parts)
    {
        var own = new SortedDictionary<int, List<Finding>>();
        var ofImages = new SortedDictionary<(int Model, int Image), List<Finding>>();
        foreach (var (_, part) in parts)
        {
            var mine = new Dictionary<int, List<Finding>>();
            for (var k = 0; k < part.Findings.Count; k++)
            {
                var (model, image) = (part.Findings[k].Model, part.Findings[k].Image);
                var finding = part.Report.Findings[k];
                if (image >= 0)
                {
                    Add(ofImages, (model, image), finding);
                }
                else
                {
                    Add(mine, model, finding);
                }
            }

            foreach (var (model, list) in mine)
            {
                if (!own.TryGetValue(model, out var kept))
                {
                    own[model] = kept = [];
                }

                // The shard that reported the most about the model (the one running its sanity check) sets the order;
                // what another shard repeats is kept once, what only it reported is added.
                var (longer, shorter) = list.Count > kept.Count ? (new List<Finding>(list), kept) : (kept, list);
                foreach (var group in shorter.GroupBy(f => f))
                {
                    for (var extra = group.Count() - longer.Count(f => f == group.Key); extra > 0; extra--)
                    {
                        longer.Add(group.Key);
                    }
                }

                own[model] = longer;
            }
        }

        var findings = new List<Finding>();
        foreach (var model in own.Keys.Union(ofImages.Keys.Select(k => k.Model)).Order())
        {
            findings.AddRange(own.GetValueOrDefault(model) ?? []);
            findings.AddRange(ofImages.Where(p => p.Key.Model == model).SelectMany(p => p.Value));
        }

        return findings;
    }

    private static void Add<TKey>(IDictionary<TKey, List<Finding>> map, TKey key, Finding finding)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(finding);
    }
}
