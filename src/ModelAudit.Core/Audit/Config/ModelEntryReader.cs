using ModelAudit.Core.Analysis;
using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Config;

/// <summary>One entry of "models".</summary>
internal static class ModelEntryReader
{
    internal static readonly string[] Known =
        ["name", "path", "preprocess", "labels", "method", "layer", "score", "thresholds", "images", "annotations", "input", "output"];

    public static ModelEntry Read(ConfigSource source, JsonNode node, string where)
    {
        var o = new JsonObjectReader(source, node, where, Known);
        o.Required("path");
        var path = o.String("path")!;
        var full = source.RequireFile(path, o.Get("path")!.Location, "model", o.PathOf("path"));
        var labels = Labels(o);
        var thresholds = ThresholdsReader.Apply(source, Thresholds.Default, o.Get("thresholds"), o.PathOf("thresholds"));

        var images = new List<ImageEntry>();
        var items = o.Array("images") ?? [];
        for (var k = 0; k < items.Count; k++)
        {
            images.Add(ImageEntryReader.Read(source, items[k], $"{o.PathOf("images")}[{k}]", where, labels, thresholds));
        }

        images.AddRange(AnnotationEntries.Read(o, labels, thresholds));
        if (images.Count == 0)
        {
            throw source.Invalid(o.Location, $"{where} has no images; add \"images\" or \"annotations\"");
        }

        return new ModelEntry
        {
            Name = o.String("name") ?? Path.GetFileNameWithoutExtension(path),
            Path = path,
            FullPath = full,
            Location = o.Location,
            Preprocess = PreprocessReader.Read(source, o.Get("preprocess"), o.PathOf("preprocess")),
            Labels = labels,
            Method = o.String("method") ?? "gradcam",
            Layer = o.String("layer") ?? "auto",
            Score = o.Choice("score", ["logit", "probability", "output"]) ?? "logit",
            Thresholds = thresholds,
            Images = images,
            Input = o.String("input"),
            Output = o.String("output"),
        };
    }

    /// <summary>A list of strings, or the path of a labels file (one label per line).</summary>
    private static IReadOnlyList<string>? Labels(JsonObjectReader o)
    {
        var node = o.Get("labels");
        switch (node)
        {
            case null:
                return null;
            case { Kind: JsonKind.String }:
                var file = o.Source.RequireFile(node.Text, node.Location, "labels file", o.PathOf("labels"));
                return LabelFile.Read(file);
            case { Kind: JsonKind.Array }:
                return node.Items.Select((item, k) => item.Kind == JsonKind.String
                    ? item.Text
                    : throw o.TypeError(item, $"{o.PathOf("labels")}[{k}]", "a string")).ToList();
            default:
                throw o.TypeError(node, o.PathOf("labels"), "a list of labels or the path of a labels file");
        }
    }
}
