using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>
/// shard.json, beside the other report files of a sharded audit: the whole <see cref="AuditReport"/> (pictures and
/// maps included, which results.json leaves out) and where each of its parts sits in the full config, so
/// `report merge` can rebuild the unsharded report without the models, the images or the config.
/// </summary>
internal sealed record PartialReport(
    int Format,
    string Shard,
    string ConfigSha256,
    IReadOnlyList<PartialModel> Models,
    IReadOnlyList<PartialFinding> Findings,
    AuditReport Report)
{
    public const string FileName = "shard.json";

    /// <summary>2: an image carries its drawn map pictures (<see cref="MapPictures"/>) instead of its thumbnail and float maps.</summary>
    public const int CurrentFormat = 2;
}

/// <summary>Report.Models[i]'s position in the config and its images' positions among the model's images.</summary>
internal sealed record PartialModel(string Name, int Index, int ImageCount, IReadOnlyList<int> Images);

/// <summary>Report.Findings[i]'s owner: a model (index in the config, -1 for none) and one of its images (-1 for the model itself).</summary>
internal sealed record PartialFinding(int Model, int Image);
