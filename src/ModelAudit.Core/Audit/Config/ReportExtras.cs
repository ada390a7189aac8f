namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// "report": the report's optional panels and its design. Both panels are on by default; turning one off skips its
/// work entirely (filter patterns cost gradient ascent the first time a model is seen, activation grids a few more outputs).
/// </summary>
/// <param name="Templates">"templates": the absolute path of a folder of custom Scriban templates (checked to exist at load),
/// or null for the built-in design; <c>--templates</c> wins over it.</param>
public sealed record ReportExtras(bool Filters = true, bool Activations = true, string? Templates = null)
{
    public static ReportExtras Default { get; } = new();
}
