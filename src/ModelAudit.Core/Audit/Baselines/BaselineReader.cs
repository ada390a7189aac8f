using System.Security.Cryptography;
using System.Text.Json;
using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Limits;
using ModelAudit.IO;

namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// Parses baseline.json and its maps; every defect is a <see cref="CorruptBaselineException"/> naming the file.
/// Version 2 records each map's size and SHA-256, checked before the map is used: a map from another accept
/// (an interrupted one, a bad merge) is caught as such instead of showing up as a regression. Version 3 adds how
/// faithfulness was measured ("faithfulness": null or { steps, removal }) and, when it was, each image's areas.
/// </summary>
internal static class BaselineReader
{
    public static BaselineModel Read(string file, string folder)
    {
        JsonDocument document;
        byte[] json;
        try
        {
            json = BoundedFile.ReadAll(file, FileLimits.BaselineBytes, FileLimits.Hint);
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Corrupt(file, $"invalid JSON at line {(e.LineNumber ?? 0) + 1}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{file}: cannot be read: {e.Message}", e);
        }

        using (document)
        {
            try
            {
                return Model(document.RootElement, file, folder);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json decodes strings lazily: invalid UTF-8 or an unpaired surrogate escape inside one surfaces here.
                var unpaired = SurrogateEscapes.FindUnpaired(json);
                throw Corrupt(file, unpaired >= 0
                    ? $"the string escape {SurrogateEscapes.Text(json, unpaired)} on line {json.AsSpan(0, unpaired).Count((byte)'\n') + 1} {SurrogateEscapes.Problem}"
                    : "a string is not valid UTF-8", e);
            }
        }
    }

    private static BaselineModel Model(JsonElement root, string file, string folder)
    {
        var version = Int(root, "version", file, "the file");
        if (version is < 1 or > BaselineStore.FormatVersion)
        {
            throw Corrupt(file, $"baseline format version {version} is not supported (this tool reads versions 1 to {BaselineStore.FormatVersion})");
        }

        var faithfulness = version >= 3 ? Faithfulness(root, file) : null;
        var images = new List<BaselineImage>();
        var index = 0;
        foreach (var image in Array(root, "images", file))
        {
            var where = $"images[{index++}]";
            var read = Image(image, file, folder, where, version);
            images.Add(faithfulness is null ? read : read with { Faithfulness = new(Area(image, "deletionAuc", file, where), Area(image, "insertionAuc", file, where)) });
        }

        return new BaselineModel(
            String(root, "model", file, "the file"),
            String(root, "modelSha256", file, "the file"),
            String(root, "method", file, "the file"),
            String(root, "layer", file, "the file"),
            images,
            faithfulness,
            version);
    }

    /// <summary>"faithfulness": null (not measured at accept) or { "steps", "removal" }; required from version 3 on.</summary>
    private static BaselineFaithfulness? Faithfulness(JsonElement root, string file)
    {
        var value = Property(root, "faithfulness", file, "the file");
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Corrupt(file, "\"faithfulness\" must be null or an object");
        }

        var steps = Int(value, "steps", file, "faithfulness");
        if (steps < 1)
        {
            throw Corrupt(file, $"faithfulness.steps must be at least 1, not {steps}");
        }

        var removal = String(value, "removal", file, "faithfulness");
        return removal is "road" or "blur" or "mean"
            ? new BaselineFaithfulness(steps, removal)
            : throw Corrupt(file, $"faithfulness.removal must be \"road\", \"blur\" or \"mean\", not \"{removal}\"");
    }

    /// <summary>
    /// An area under a probability curve over [0, 1] lies in [0, 1], give or take float32 rounding of the probabilities
    /// (a softmax can return 1.0000001), which accept records as measured so an unchanged model compares at exactly 0.
    /// </summary>
    private static double Area(JsonElement image, string name, string file, string where)
    {
        const double Rounding = 1e-6;
        var value = Double(image, name, file, where);
        return value is >= -Rounding and <= 1 + Rounding ? value : throw Corrupt(file, $"{where}.{name} is {value}; an area under a probability curve lies in [0, 1]");
    }

    private static BaselineImage Image(JsonElement image, string file, string folder, string where, int version)
    {
        var path = String(image, "path", file, where);
        var imageClass = Int(image, "class", file, where);
        var probability = Double(image, "probability", file, where);
        var relevanceMass = Double(image, "relevanceMass", file, where);
        var width = Int(image, "mapWidth", file, where);
        var height = Int(image, "mapHeight", file, where);
        var mapName = String(image, "map", file, where);
        var mapsFolder = Path.GetFullPath(Path.Combine(folder, "maps")) + Path.DirectorySeparatorChar;
        if (mapName.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
        {
            // Path.GetFullPath throws ArgumentException on a NUL; no map name accept writes holds a control character.
            throw Corrupt(file, $"{where}.map holds a control character, which no map file name has");
        }

        var mapPath = Path.GetFullPath(Path.Combine(folder, mapName));
        if (!mapPath.StartsWith(mapsFolder, StringComparison.Ordinal))
        {
            throw Corrupt(file, $"{where}.map \"{mapName}\" is outside the maps folder");
        }

        if (!File.Exists(mapPath))
        {
            throw Corrupt(file, $"{where}.map {mapName} is missing");
        }

        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAll(mapPath, FileLimits.BaselineBytes, FileLimits.Hint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{mapPath}: cannot be read: {e.Message}", e);
        }

        if (version >= 2)
        {
            var size = Long(image, "mapBytes", file, where);
            var sha = String(image, "mapSha256", file, where);
            if (bytes.Length != size)
            {
                throw Corrupt(mapPath, $"the map has {bytes.Length} bytes, {file} recorded {size} (written by another or an interrupted accept)");
            }

            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), sha, StringComparison.OrdinalIgnoreCase))
            {
                throw Corrupt(mapPath, $"the map's SHA-256 differs from the one {file} recorded (written by another or an interrupted accept)");
            }
        }

        float[] data;
        long[] shape;
        try
        {
            (data, shape) = NpyReader.Parse(bytes, mapPath);
        }
        catch (ModelAuditException e)
        {
            throw Corrupt(mapPath, e.Message[(mapPath.Length + 2)..], e);
        }

        if (shape.Length != 2 || shape[0] != height || shape[1] != width)
        {
            throw Corrupt(mapPath, $"map shape ({string.Join(", ", shape)}) does not match ({height}, {width}) in {file}");
        }

        return new BaselineImage(path, imageClass, probability, relevanceMass, width, height, data);
    }

    private static JsonElement Property(JsonElement obj, string name, string file, string where) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            ? value
            : throw Corrupt(file, $"{where} has no \"{name}\"");

    private static string String(JsonElement obj, string name, string file, string where)
    {
        var value = Property(obj, name, file, where);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Corrupt(file, $"{where}.{name} must be a string");
    }

    private static int Int(JsonElement obj, string name, string file, string where)
    {
        var value = Property(obj, name, file, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : throw Corrupt(file, $"{where}.{name} must be a whole number");
    }

    private static long Long(JsonElement obj, string name, string file, string where)
    {
        var value = Property(obj, name, file, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0 ? n : throw Corrupt(file, $"{where}.{name} must be a whole number");
    }

    private static double Double(JsonElement obj, string name, string file, string where)
    {
        var value = Property(obj, name, file, where);
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)
            ? d
            : throw Corrupt(file, $"{where}.{name} must be a number");
    }

    private static IEnumerable<JsonElement> Array(JsonElement obj, string name, string file)
    {
        var value = Property(obj, name, file, "the file");
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Corrupt(file, $"\"{name}\" must be an array");
    }

    private static CorruptBaselineException Corrupt(string file, string detail, Exception? inner = null) => new(file, detail, inner);
}
