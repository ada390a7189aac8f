using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Audit.Regions;

namespace ModelAudit.Core.Audit.Config;

/// <summary>One entry of a model's "images".</summary>
internal static class ImageEntryReader
{
    internal static readonly string[] Known = ["path", "class", "regions", "thresholds"];

    public static ImageEntry Read(ConfigSource source, JsonNode node, string where, string modelWhere, IReadOnlyList<string>? labels, Thresholds modelThresholds)
    {
        var o = new JsonObjectReader(source, node, where, Known);
        o.Required("path");
        var path = o.String("path")!;
        var full = source.RequireFile(path, o.Get("path")!.Location, "image", o.PathOf("path"));
        var regions = new List<Region>();
        var items = o.Array("regions") ?? [];
        for (var k = 0; k < items.Count; k++)
        {
            regions.Add(RegionReader.Read(source, items[k], $"{o.PathOf("regions")}[{k}]"));
        }

        return new ImageEntry
        {
            Path = ConfigPath.Normalize(path, source.Directory),
            FullPath = full,
            Location = o.Location,
            Class = ClassReader.Read(o, labels, modelWhere),
            Regions = regions,
            Thresholds = ThresholdsReader.Apply(source, modelThresholds, o.Get("thresholds"), o.PathOf("thresholds")),
        };
    }
}
