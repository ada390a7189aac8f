namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// A committed baseline that cannot be trusted: unreadable JSON, a missing map, a map whose size or SHA-256
/// differs from what baseline.json recorded. The audit reports it as MA1206 instead of comparing with it.
/// </summary>
public sealed class CorruptBaselineException : ModelAuditException
{
    public CorruptBaselineException(string file, string detail, Exception? inner = null)
        : base($"{file}: corrupt baseline: {detail}; rerun `modelaudit baseline accept` to rewrite it", inner ?? new InvalidDataException(detail))
    {
        File = file;
        Detail = detail;
    }

    /// <summary>The file at fault: baseline.json or one of its maps.</summary>
    public string File { get; }

    public string Detail { get; }
}
