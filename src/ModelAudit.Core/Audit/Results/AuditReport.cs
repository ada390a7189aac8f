namespace ModelAudit.Core.Audit.Results;

/// <summary>
/// Everything one audit found: the input of every report writer (HTML, results.json, JUnit, Markdown,
/// diagnostics). Writers only format; they never compute.
/// </summary>
public sealed record AuditReport
{
    /// <summary>Version of the results.json schema; bump on any breaking change.</summary>
    public const int SchemaVersion = 1;

    public required string ToolVersion { get; init; }

    /// <summary>Absolute path of modelaudit.json.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>What fails the gate: threshold, regression, any, never.</summary>
    public required string FailOn { get; init; }

    public required IReadOnlyList<ModelResult> Models { get; init; }

    /// <summary>Every failing or notable check as a canonical diagnostic, in config order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>
    /// Report pictures that depend on the model alone, by cache file name: written as the report's .cache/ so
    /// the next audit of an unchanged model reads them instead of recomputing them.
    /// </summary>
    internal IReadOnlyDictionary<string, byte[]> CachedExtras { get; init; } = new Dictionary<string, byte[]>();

    public bool Passed => Findings.All(f => f.Severity != Severity.Error);

    public int CheckCount => Models.Sum(m => m.Images.Sum(i => i.Checks.Count));

    public int FailedCheckCount => Models.Sum(m => m.Images.Sum(i => i.Checks.Count(c => c.Status == CheckStatus.Fail)));
}
