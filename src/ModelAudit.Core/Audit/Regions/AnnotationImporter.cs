using System.Text.Json;
using ModelAudit.Core.Limits;
using ModelAudit.IO;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>
/// Reads expected regions from the annotation formats labeling tools write: Pascal VOC XML (one file or a
/// folder of them), COCO JSON (boxes and segmentation polygons) and LabelMe JSON (rectangles and polygons).
/// A folder may mix VOC and LabelMe files; they are read in ordinal file-name order.
/// </summary>
public static class AnnotationImporter
{
    /// <summary>
    /// One entry per annotated image: its absolute path (resolved against the annotation file's folder),
    /// the regions, and the label when all of the image's objects share one (null when they differ).
    /// Bad input throws <see cref="ModelAuditException"/> naming the file.
    /// </summary>
    public static IReadOnlyList<(string ImagePath, IReadOnlyList<Region> Regions, string? Label)> Import(string pathOrFolder)
    {
        var full = Path.GetFullPath(pathOrFolder);
        if (Directory.Exists(full))
        {
            var files = Directory.EnumerateFiles(full)
                .Where(f => IsAnnotationFile(f))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new ModelAuditException($"{full}: no annotation files (.xml or .json) in the folder");
            }

            return files.SelectMany(ImportFile).ToList();
        }

        if (!File.Exists(full))
        {
            throw new ModelAuditException($"{full}: annotations not found");
        }

        return ImportFile(full);
    }

    private static bool IsAnnotationFile(string path) =>
        path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<(string, IReadOnlyList<Region>, string?)> ImportFile(string file)
    {
        if (file.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
        {
            return [VocAnnotation.Read(file)];
        }

        if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelAuditException($"{file}: unknown annotation format; expected Pascal VOC .xml, COCO .json or LabelMe .json");
        }

        using var document = ParseJson(file);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("annotations", out _) && root.TryGetProperty("images", out _))
        {
            return CocoAnnotation.Read(file, root);
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("shapes", out _))
        {
            return [LabelMeAnnotation.Read(file, root)];
        }

        throw new ModelAuditException($"{file}: neither COCO (\"images\" and \"annotations\") nor LabelMe (\"shapes\") JSON");
    }

    private static JsonDocument ParseJson(string file)
    {
        try
        {
            return JsonDocument.Parse(BoundedFile.ReadAll(file, FileLimits.AnnotationBytes, FileLimits.Hint), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ModelAuditException($"{file}({(e.LineNumber ?? 0) + 1},{(e.BytePositionInLine ?? 0) + 1}): invalid JSON", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{file}: cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The label shared by all of an image's objects, or null when they differ.</summary>
    internal static string? SharedLabel(IEnumerable<string?> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }

    internal static string ResolveImage(string annotationFile, string written) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(annotationFile)!, written.Replace('\\', '/')));
}
