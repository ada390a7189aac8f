using System.Text.Json;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>
/// COCO object detection JSON: "images" (id, file_name), "annotations" (image_id, category_id, bbox
/// [x, y, w, h], segmentation), "categories" (id, name). Segmentation polygons are used when present
/// (flat [x1, y1, x2, y2, ...] lists); run-length masks (crowd annotations) fall back to the bbox. Images
/// without annotations are skipped: they have nothing to check.
/// </summary>
internal static class CocoAnnotation
{
    public static IReadOnlyList<(string, IReadOnlyList<Region>, string?)> Read(string file, JsonElement root)
    {
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("categories", out var categoryList) && categoryList.ValueKind != JsonValueKind.Null)
        {
            var i = 0;
            foreach (var category in AnnotationJson.Array(categoryList, file, "\"categories\""))
            {
                var where = $"categories[{i++}]";
                var id = AnnotationJson.Id(AnnotationJson.Property(category, "id", file, where), file, where + ".id");
                categories[id] = AnnotationJson.String(AnnotationJson.Property(category, "name", file, where), file, where + ".name");
            }
        }

        var byImage = new Dictionary<string, (List<Region> Regions, List<string?> Labels)>(StringComparer.Ordinal);
        var index = 0;
        foreach (var annotation in AnnotationJson.Array(root.GetProperty("annotations"), file, "\"annotations\""))
        {
            var where = $"annotations[{index++}]";
            var imageId = AnnotationJson.Id(AnnotationJson.Property(annotation, "image_id", file, where), file, where + ".image_id");
            if (!byImage.TryGetValue(imageId, out var entry))
            {
                entry = ([], []);
                byImage[imageId] = entry;
            }

            entry.Regions.AddRange(Regions(annotation, file, where));
            string? label = null;
            if (annotation.TryGetProperty("category_id", out var categoryId) && categoryId.ValueKind != JsonValueKind.Null)
            {
                var key = AnnotationJson.Id(categoryId, file, where + ".category_id");
                label = categories.TryGetValue(key, out var name) ? name : key;
            }

            entry.Labels.Add(label);
        }

        var result = new List<(string, IReadOnlyList<Region>, string?)>();
        index = 0;
        foreach (var image in AnnotationJson.Array(root.GetProperty("images"), file, "\"images\""))
        {
            var where = $"images[{index++}]";
            var id = AnnotationJson.Id(AnnotationJson.Property(image, "id", file, where), file, where + ".id");
            var fileName = AnnotationJson.String(AnnotationJson.Property(image, "file_name", file, where), file, where + ".file_name");
            if (byImage.Remove(id, out var entry))
            {
                result.Add((AnnotationImporter.ResolveImage(file, fileName), entry.Regions, AnnotationImporter.SharedLabel(entry.Labels)));
            }
        }

        if (byImage.Count > 0)
        {
            throw new ModelAuditException($"{file}: annotations refer to image id {byImage.Keys.First()}, which \"images\" does not list");
        }

        return result;
    }

    private static IEnumerable<Region> Regions(JsonElement annotation, string file, string where)
    {
        if (annotation.TryGetProperty("segmentation", out var segmentation) && segmentation.ValueKind == JsonValueKind.Array
            && segmentation.GetArrayLength() > 0)
        {
            var polygons = new List<Region>();
            var p = 0;
            foreach (var polygon in segmentation.EnumerateArray())
            {
                var at = $"{where}.segmentation[{p++}]";
                var numbers = AnnotationJson.Array(polygon, file, at).Select((n, k) => AnnotationJson.Number(n, file, $"{at}[{k}]")).ToList();
                if (numbers.Count < 6 || numbers.Count % 2 != 0)
                {
                    throw new ModelAuditException($"{file}: {at} needs an even count of at least 6 numbers (3 points), got {numbers.Count}");
                }

                polygons.Add(new PolygonRegion(Enumerable.Range(0, numbers.Count / 2).Select(k => (numbers[2 * k], numbers[(2 * k) + 1])).ToList()));
            }

            return polygons;
        }

        var bbox = AnnotationJson.Array(AnnotationJson.Property(annotation, "bbox", file, where), file, where + ".bbox")
            .Select((n, k) => AnnotationJson.Number(n, file, $"{where}.bbox[{k}]")).ToList();
        return bbox.Count == 4 && bbox[2] >= 0 && bbox[3] >= 0
            ? [new BoxRegion(bbox[0], bbox[1], bbox[2], bbox[3])]
            : throw new ModelAuditException($"{file}: {where}.bbox needs 4 numbers [x, y, w, h] with w, h >= 0");
    }
}
