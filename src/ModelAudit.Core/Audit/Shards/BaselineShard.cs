using System.Text.Json;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// shard.json at the top of a partial baseline (`baseline accept --shard K/N --out DIR`): which shard of which config
/// it is and, per model, how many distinct image paths the whole config holds, so a merge knows when it is complete.
/// Written after the baseline itself: a folder without it is not a finished shard.
/// </summary>
internal sealed record BaselineShard(int Format, string Shard, string ConfigSha256, IReadOnlyList<BaselineShardModel> Models)
{
    public const string FileName = "shard.json";

    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static BaselineShard Of(AuditConfig full, AuditConfig part, ShardSpec shard) => new(
        CurrentFormat,
        shard.ToString(),
        PartialReportWriter.ConfigSha256(full.Path),
        [.. part.Models.Select(m => new BaselineShardModel(m.Name, DistinctPaths(full.Models.First(f => f.Name == m.Name))))]);

    public void Write(string folder) => AtomicFile.Write(Path.Combine(folder, FileName), JsonSerializer.SerializeToUtf8Bytes(this, Options));

    public static BaselineShard Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            throw new ModelAuditException(
                Directory.Exists(folder)
                    ? $"{file}: not found; {folder} is not a finished shard baseline (run `modelaudit baseline accept --shard K/N --out {folder}`)"
                    : $"{folder}: no such folder; give the baseline folders the shard jobs wrote");
        }

        try
        {
            var shard = JsonSerializer.Deserialize<BaselineShard>(File.ReadAllBytes(file), Options) ?? throw new JsonException("the file holds null");
            if (shard.Format != CurrentFormat)
            {
                throw new ModelAuditException($"{file}: shard format {shard.Format} is not supported by this tool (it reads format {CurrentFormat})");
            }

            return shard;
        }
        catch (JsonException e)
        {
            throw new ModelAuditException($"{file}: is not a readable shard marker ({e.Message}); rerun that shard", e);
        }
    }

    /// <summary>A baseline is keyed by image path: an image listed twice (two classes) is one baseline entry.</summary>
    private static int DistinctPaths(ModelEntry model) => model.Images.Select(i => i.Path).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>A model of a partial baseline and the number of baseline entries the whole config gives it.</summary>
internal sealed record BaselineShardModel(string Name, int ImageCount);
