using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Audit.Regions;

namespace ModelAudit.Core.Audit.Config;

/// <summary>One entry of "regions": exactly one of box [x, y, w, h], polygon [[x, y], ...], mask "file.png".</summary>
internal static class RegionReader
{
    internal static readonly string[] Known = ["box", "polygon", "mask"];

    public static Region Read(ConfigSource source, JsonNode node, string where)
    {
        var o = new JsonObjectReader(source, node, where, Known);
        var given = Known.Where(k => o.Get(k) is not null).ToList();
        if (given.Count != 1)
        {
            throw source.Invalid(o.Location, given.Count == 0
                ? $"{where} needs one of \"box\", \"polygon\" or \"mask\""
                : $"{where} has {string.Join(" and ", given)}; give one shape per region");
        }

        return given[0] switch
        {
            "box" => Box(o),
            "polygon" => Polygon(o),
            _ => Mask(o),
        };
    }

    private static BoxRegion Box(JsonObjectReader o)
    {
        var where = o.PathOf("box");
        var items = o.Array("box")!;
        if (items.Count != 4)
        {
            throw o.Source.Invalid(o.Get("box")!.Location, $"{where} needs 4 numbers [x, y, w, h], got {items.Count}");
        }

        var x = o.NumberOf(items[0], where + "[0]");
        var y = o.NumberOf(items[1], where + "[1]");
        var w = o.NumberOf(items[2], where + "[2] (width)", 0, minExclusive: true);
        var h = o.NumberOf(items[3], where + "[3] (height)", 0, minExclusive: true);
        return new BoxRegion(x, y, w, h);
    }

    private static PolygonRegion Polygon(JsonObjectReader o)
    {
        var where = o.PathOf("polygon");
        var items = o.Array("polygon")!;
        if (items.Count < 3)
        {
            throw o.Source.Invalid(o.Get("polygon")!.Location, $"{where} needs at least 3 points [[x, y], ...], got {items.Count}");
        }

        var points = new List<(double X, double Y)>();
        for (var k = 0; k < items.Count; k++)
        {
            var point = items[k];
            if (point.Kind != JsonKind.Array || point.Items.Count != 2)
            {
                throw o.Source.Invalid(point.Location, $"{where}[{k}] must be a point [x, y]");
            }

            points.Add((o.NumberOf(point.Items[0], $"{where}[{k}][0]"), o.NumberOf(point.Items[1], $"{where}[{k}][1]")));
        }

        return new PolygonRegion(points);
    }

    private static MaskRegion Mask(JsonObjectReader o)
    {
        var written = o.String("mask")!;
        var at = o.Get("mask")!.Location;
        var full = o.Source.RequireFile(written, at, "mask", o.PathOf("mask"));
        return new MaskRegion(written, full) { ConfigFile = o.Source.File, Location = at };
    }
}
