using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Config;

/// <summary>"report": { "filters": bool, "activations": bool }.</summary>
internal static class ReportExtrasReader
{
    internal static readonly string[] Known = ["filters", "activations"];

    public static ReportExtras Read(ConfigSource source, JsonNode? node, string where)
    {
        if (node is null)
        {
            return ReportExtras.Default;
        }

        var o = new JsonObjectReader(source, node, where, Known);
        return new ReportExtras(o.Bool("filters") ?? true, o.Bool("activations") ?? true);
    }
}
