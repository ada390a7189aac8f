using ModelAudit.Runtime;

namespace ModelAudit.Core.Audit.Running;

/// <summary>How to run an audit: where the report goes, what fails the gate, which device.</summary>
public sealed record AuditOptions
{
    public required string ReportDirectory { get; init; }

    public FailLevel FailOn { get; init; } = FailLevel.Any;

    public SessionSettings Settings { get; init; } = new();

    public string? TemplatesDirectory { get; init; }

    /// <summary>Receives "model: image i of n" style progress.</summary>
    public IProgress<AuditProgress>? Progress { get; init; }

    public int BatchSize { get; init; } = 8;

    /// <summary>Receives one line per recoverable input defect (a damaged JPEG decoded in part).</summary>
    public Action<string>? Warning { get; init; }
}

/// <summary>Progress of an audit: which model, how many of its images are done.</summary>
public sealed record AuditProgress(string Model, int Done, int Total);
