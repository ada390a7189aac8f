using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Config;

/// <summary>One entry of "models".</summary>
internal static class ModelEntryReader
{
    internal static readonly string[] Known =
        ["name", "path", "preprocess", "labels", "method", "layer", "layerLayout", "grid", "score", "thresholds", "images", "annotations",
        "input", "output", "faithfulness", "sanityCheck"];

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

        RequireDistinctMapNames(source, images, where);

        return new ModelEntry
        {
            Name = Name(o, path),
            Path = path,
            FullPath = full,
            Location = o.Location,
            Preprocess = PreprocessReader.Read(source, o.Get("preprocess"), o.PathOf("preprocess")),
            Labels = labels,
            Method = o.String("method") ?? "gradcam",
            Layer = o.String("layer") ?? "auto",
            LayerHints = Hints(o),
            Score = o.Choice("score", ["logit", "probability", "output"]) ?? "logit",
            Thresholds = thresholds,
            Images = images,
            Input = o.String("input"),
            Output = o.String("output"),
            Faithfulness = Explanations.ExplanationSettingsReader.Faithfulness(o),
            Sanity = Explanations.ExplanationSettingsReader.Sanity(o),
            SanityCheckOff = Explanations.ExplanationSettingsReader.SanityOff(o),
            Fields = node.Properties.ToDictionary(p => p.Name, p => p.Value.Location, StringComparer.Ordinal),
        };
    }

    /// <summary>"name", or the model file's name: it names the baseline folder, so it must be able to (<see cref="IO.SafeNames"/>).</summary>
    private static string Name(JsonObjectReader o, string path)
    {
        var written = o.String("name");
        var name = written ?? Path.GetFileNameWithoutExtension(path);
        var at = o.Get("name")?.Location ?? o.Get("path")!.Location;
        var where = written is null ? $"{o.PathOf("path")} (the model's default name)" : o.PathOf("name");
        if (name.Length > IO.SafeNames.MaxLength)
        {
            throw o.Source.Invalid(at, $"{where} is {name.Length} characters long; a model name has at most {IO.SafeNames.MaxLength}");
        }

        if (IO.SafeNames.TryMap(name) is null)
        {
            throw o.Source.Invalid(at, $"{where} \"{name}\" cannot name the model's baseline folder; choose a name with a letter or digit");
        }

        return name;
    }

    /// <summary>"layerLayout" (nchw, nhwc or tokens) and "grid" ("HxW"), both optional.</summary>
    private static LayerHints Hints(JsonObjectReader o)
    {
        var layout = o.Choice("layerLayout", LayerLayouts.Names) is { } name ? LayerLayouts.Parse(name) : (LayerLayout?)null;
        TokenGridSize? grid = null;
        if (o.String("grid") is { } text)
        {
            try
            {
                grid = TokenGridSize.Parse(text);
            }
            catch (ModelAuditException e)
            {
                throw o.Source.Invalid(o.Get("grid")!.Location, $"{o.PathOf("grid")}: {e.Message}");
            }
        }

        return layout is null && grid is null ? LayerHints.None : new LayerHints(layout, grid);
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

    /// <summary>Each image's baseline map is a file named after its path: two paths may not land on one file.</summary>
    private static void RequireDistinctMapNames(ConfigSource source, List<ImageEntry> images, string where)
    {
        var seen = new Dictionary<string, ImageEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in images)
        {
            var name = IO.SafeNames.TryMap(image.Path) ?? "";
            if (seen.TryGetValue(name, out var twin))
            {
                var what = twin.Path == image.Path
                    ? $"{where} lists the image \"{image.Path}\" twice (lines {twin.Location.Line} and {image.Location.Line}); list it once"
                    : $"{where}: the images \"{twin.Path}\" (line {twin.Location.Line}) and \"{image.Path}\" (line {image.Location.Line}) would share the baseline map file \"{name}.npy\"; rename one of the files";
                throw source.Invalid(image.Location, what);
            }

            seen.Add(name, image);
        }
    }
}
