using System.Security.Cryptography;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>Writes shard.json into a sharded audit's report set (see <see cref="PartialReport"/>).</summary>
internal sealed class PartialReportWriter(AuditConfig full, ShardSpec shard) : IReportWriter
{
    public string FileName => PartialReport.FileName;

    public void Write(AuditReport report, string directory) =>
        AtomicFile.Write(Path.Combine(directory, FileName), PartialReportJson.Serialize(Describe(full, shard, report)));

    internal static PartialReport Describe(AuditConfig full, ShardSpec shard, AuditReport report)
    {
        var index = full.Models.Select((m, i) => (m.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var models = report.Models.Select(m =>
        {
            var entry = full.Models[index[m.Name]];
            return new PartialModel(m.Name, index[m.Name], entry.Images.Count, ImageIndices(entry, m));
        }).ToList();
        var owners = FindingOwners.Of(full, report, models);
        return new PartialReport(PartialReport.CurrentFormat, shard.ToString(), ConfigSha256(full.Path), models, owners, report);
    }

    public static string ConfigSha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The shard's images in config order: the k-th result image is the k-th entry of the model's shard images.</summary>
    private static List<int> ImageIndices(ModelEntry entry, ModelResult result)
    {
        var indices = new List<int>();
        var next = 0;
        foreach (var image in result.Images)
        {
            // Paths may repeat within a model (one image, two classes): take them in order.
            while (next < entry.Images.Count && !Same(entry.Images[next], image))
            {
                next++;
            }

            if (next == entry.Images.Count)
            {
                throw new InvalidOperationException($"{result.Name}/{image.Path} is not among the configured images in config order");
            }

            indices.Add(next++);
        }

        return indices;
    }

    private static bool Same(ImageEntry entry, ImageResult image) =>
        entry.Path == image.Path && entry.Location == image.Location;
}
