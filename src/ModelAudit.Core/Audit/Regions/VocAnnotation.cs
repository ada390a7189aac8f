using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ModelAudit.Core.Limits;
using ModelAudit.IO;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>
/// Pascal VOC XML: one image per file, one &lt;object&gt; per box. VOC boxes are 1-based and inclusive
/// (xmin = 1 is the first column), so [xmin, xmax] becomes x = xmin - 1, w = xmax - xmin + 1.
/// </summary>
internal static class VocAnnotation
{
    public static (string, IReadOnlyList<Region>, string?) Read(string file)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var bytes = new MemoryStream(BoundedFile.ReadAll(file, FileLimits.AnnotationBytes, FileLimits.Hint), writable: false);
            using var reader = XmlReader.Create(bytes, settings, file);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ModelAuditException($"{file}({e.LineNumber},{e.LinePosition}): invalid XML: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{file}: cannot be read: {e.Message}", e);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "annotation")
        {
            throw new ModelAuditException($"{file}: not Pascal VOC: the root element is <{root.Name.LocalName}>, expected <annotation>");
        }

        var fileName = Text(root, "filename", file);
        var regions = new List<Region>();
        var labels = new List<string?>();
        foreach (var obj in root.Elements("object"))
        {
            var box = obj.Element("bndbox") ?? throw Error(file, obj, "<object> has no <bndbox>");
            var xmin = Number(box, "xmin", file);
            var ymin = Number(box, "ymin", file);
            var xmax = Number(box, "xmax", file);
            var ymax = Number(box, "ymax", file);
            if (xmax < xmin || ymax < ymin)
            {
                throw Error(file, box, $"<bndbox> has xmax < xmin or ymax < ymin ({xmin},{ymin})-({xmax},{ymax})");
            }

            regions.Add(new BoxRegion(xmin - 1, ymin - 1, xmax - xmin + 1, ymax - ymin + 1));
            labels.Add(obj.Element("name")?.Value.Trim());
        }

        return (AnnotationImporter.ResolveImage(file, fileName), regions, AnnotationImporter.SharedLabel(labels));
    }

    private static string Text(XElement parent, string name, string file)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? throw Error(file, parent, $"<{parent.Name.LocalName}> has no <{name}>") : value;
    }

    private static double Number(XElement parent, string name, string file)
    {
        var text = Text(parent, name, file);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(file, parent.Element(name)!, $"<{name}> is not a number: \"{text}\"");
    }

    private static ModelAuditException Error(string file, XElement at, string detail)
    {
        var info = (IXmlLineInfo)at;
        return new ModelAuditException($"{file}({info.LineNumber},{info.LinePosition}): {detail}");
    }
}
