using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Running;

/// <summary>One optional report panel: its pictures, or why it has none (turned off, skipped and the reason).</summary>
internal sealed record ExtraPanel(IReadOnlyList<Picture> Pictures, string? Note)
{
    public static ExtraPanel Off(string what) => new([], $"{what} are turned off (\"report\" in modelaudit.json).");
}
