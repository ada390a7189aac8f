using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Config;

/// <summary>"report": { "filters": bool, "activations": bool, "templates": "folder relative to the config" }.</summary>
internal static class ReportExtrasReader
{
    internal static readonly string[] Known = ["filters", "activations", "templates"];

    public static ReportExtras Read(ConfigSource source, JsonNode? node, string where)
    {
        if (node is null)
        {
            return ReportExtras.Default;
        }

        var o = new JsonObjectReader(source, node, where, Known);
        return new ReportExtras(o.Bool("filters") ?? true, o.Bool("activations") ?? true, Templates(o));
    }

    // Checked here, not when the report is written: a typo fails before the audit spends its time, at the field.
    private static string? Templates(JsonObjectReader o)
    {
        if (o.String("templates") is not { } written)
        {
            return null;
        }

        var (at, where) = (o.Get("templates")!.Location, o.PathOf("templates"));
        var full = o.Source.Resolve(written, at, where);
        return Directory.Exists(full) ? full : throw o.Source.FileProblem(at, File.Exists(full)
            ? $"{where}: {written} is a file; give the folder holding the templates (*.sbn, report.css)"
            : $"{where}: templates folder {written} not found (looked for {full}); give a folder relative to the config, or leave \"templates\" out for the built-in design");
    }
}
