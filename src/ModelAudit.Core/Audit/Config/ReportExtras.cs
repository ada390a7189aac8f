namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// "report": the report's optional panels. Both are on by default; turning one off skips its work entirely
/// (filter patterns cost gradient ascent the first time a model is seen, activation grids a few more outputs).
/// </summary>
public sealed record ReportExtras(bool Filters = true, bool Activations = true)
{
    public static ReportExtras Default { get; } = new();
}
