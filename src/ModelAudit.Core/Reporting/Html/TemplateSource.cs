namespace ModelAudit.Core.Reporting.Html;

/// <summary>One template file: its name in the set, where it was read from (for error messages), and its text.</summary>
internal sealed record TemplateSource(string Name, string Origin, string Text);
