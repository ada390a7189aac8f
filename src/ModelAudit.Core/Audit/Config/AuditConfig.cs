namespace ModelAudit.Core.Audit.Config;

/// <summary>A loaded and validated modelaudit.json: every path resolved, every file checked to exist.</summary>
public sealed class AuditConfig
{
    /// <summary>Absolute path of the config file.</summary>
    public required string Path { get; init; }

    /// <summary>The config file's folder: relative paths in the file start here.</summary>
    public required string Directory { get; init; }

    /// <summary>Absolute; "baseline" in the file, default ".modelaudit/baseline" beside the config.</summary>
    public required string BaselineDirectory { get; init; }

    public required IReadOnlyList<ModelEntry> Models { get; init; }

    /// <summary>Which optional report panels to compute ("report" in the file; all on by default).</summary>
    public ReportExtras Report { get; init; } = ReportExtras.Default;
}
