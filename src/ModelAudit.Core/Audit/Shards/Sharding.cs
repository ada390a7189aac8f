using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Reporting;

namespace ModelAudit.Core.Audit.Shards;

/// <summary>What the hosts need of sharding: the shard's part of a config and the writer of its partial report.</summary>
public static class Sharding
{
    public static AuditConfig Select(AuditConfig config, ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ShardConfig.Select(config, shard);
    }

    /// <summary>The shard's part of a config, accepted into <paramref name="baselineDirectory"/> (a folder of the shard's own).</summary>
    public static AuditConfig SelectForBaseline(AuditConfig config, ShardSpec shard, string baselineDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ShardConfig.Select(config, shard, Path.GetFullPath(baselineDirectory));
    }

    /// <summary>Marks a finished shard baseline: written after <c>baseline accept</c> wrote the part's models.</summary>
    public static void MarkBaseline(AuditConfig full, AuditConfig part, ShardSpec shard, string baselineDirectory) =>
        BaselineShard.Of(full, part, shard).Write(baselineDirectory);

    /// <summary>shard.json, which `report merge` reads; the other report files stay those of the shard's part.</summary>
    public static IReportWriter PartialReport(AuditConfig full, ShardSpec shard) => new PartialReportWriter(full, shard);
}
