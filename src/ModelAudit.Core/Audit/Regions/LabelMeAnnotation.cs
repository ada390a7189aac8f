using System.Text.Json;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>
/// LabelMe JSON: one image per file ("imagePath", relative to the file), "shapes" with "label",
/// "points" and "shape_type" ("rectangle": two opposite corners; "polygon", the default when absent).
/// Shapes without an area (points, lines, circles) are refused rather than silently dropped.
/// </summary>
internal static class LabelMeAnnotation
{
    public static (string, IReadOnlyList<Region>, string?) Read(string file, JsonElement root)
    {
        var imagePath = AnnotationJson.String(AnnotationJson.Property(root, "imagePath", file, "the file"), file, "\"imagePath\"");
        var regions = new List<Region>();
        var labels = new List<string?>();
        var index = 0;
        foreach (var shape in AnnotationJson.Array(root.GetProperty("shapes"), file, "\"shapes\""))
        {
            var where = $"shapes[{index++}]";
            var type = shape.TryGetProperty("shape_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "polygon";
            var points = AnnotationJson.Array(AnnotationJson.Property(shape, "points", file, where), file, where + ".points")
                .Select((p, k) => Point(p, file, $"{where}.points[{k}]"))
                .ToList();
            switch (type)
            {
                case "rectangle" when points.Count == 2:
                    var x = Math.Min(points[0].X, points[1].X);
                    var y = Math.Min(points[0].Y, points[1].Y);
                    regions.Add(new BoxRegion(x, y, Math.Abs(points[1].X - points[0].X), Math.Abs(points[1].Y - points[0].Y)));
                    break;
                case "rectangle":
                    throw new ModelAuditException($"{file}: {where} is a rectangle with {points.Count} points; expected 2 corners");
                case "polygon" when points.Count >= 3:
                    regions.Add(new PolygonRegion(points));
                    break;
                case "polygon":
                    throw new ModelAuditException($"{file}: {where} is a polygon with {points.Count} points; expected at least 3");
                default:
                    throw new ModelAuditException($"{file}: {where} has shape_type \"{type}\"; only rectangle and polygon describe a region");
            }

            labels.Add(shape.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null);
        }

        return (AnnotationImporter.ResolveImage(file, imagePath), regions, AnnotationImporter.SharedLabel(labels));
    }

    private static (double X, double Y) Point(JsonElement value, string file, string where)
    {
        var xy = AnnotationJson.Array(value, file, where);
        return xy.Count == 2
            ? (AnnotationJson.Number(xy[0], file, where + "[0]"), AnnotationJson.Number(xy[1], file, where + "[1]"))
            : throw new ModelAuditException($"{file}: {where} must be [x, y]");
    }
}
