using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Audit.Regions;

namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// A model's "annotations" (one path or a list): images and regions from VOC, COCO or LabelMe files.
/// An annotation's label becomes the image's class when the model has labels (and must be one of them);
/// without labels, or when an image's objects have different labels, the predicted class is explained.
/// </summary>
internal static class AnnotationEntries
{
    public static IEnumerable<ImageEntry> Read(JsonObjectReader model, IReadOnlyList<string>? labels, Thresholds thresholds)
    {
        var node = model.Get("annotations");
        if (node is null)
        {
            yield break;
        }

        var where = model.PathOf("annotations");
        var entries = node.Kind == JsonKind.Array ? node.Items.Select((n, k) => (Node: n, Where: $"{where}[{k}]")).ToList() : [(node, where)];
        foreach (var (entry, at) in entries)
        {
            if (entry.Kind != JsonKind.String || entry.Text.Length == 0)
            {
                throw model.TypeError(entry, at, "a path to annotations (a file or a folder)");
            }

            var full = model.Source.Resolve(entry.Text, entry.Location, at);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                throw model.Source.FileProblem(entry.Location, $"{at}: annotations {entry.Text} not found (looked for {full})");
            }

            IReadOnlyList<(string ImagePath, IReadOnlyList<Region> Regions, string? Label)> imported;
            try
            {
                imported = AnnotationImporter.Import(full);
            }
            catch (ModelAuditException e)
            {
                throw new ConfigException(model.Source.File, entry.Location.Line, entry.Location.Column, Audit.DiagnosticCodes.ConfigInvalid, $"{at}: {e.Message}", e);
            }

            foreach (var (imagePath, regions, label) in imported)
            {
                if (!File.Exists(imagePath))
                {
                    throw model.Source.FileProblem(entry.Location, $"{at}: image {imagePath} named by the annotations not found");
                }

                string? imageClass = null;
                if (label is not null && labels is not null)
                {
                    ClassReader.CheckLabel(model.Source, entry.Location, label, labels, $"{at}: the label of {model.Source.Relative(imagePath)}", model.Where);
                    imageClass = label;
                }

                yield return new ImageEntry
                {
                    Path = model.Source.Relative(imagePath),
                    FullPath = imagePath,
                    Location = entry.Location,
                    Class = imageClass,
                    Regions = regions,
                    Thresholds = thresholds,
                };
            }
        }
    }
}
