using System.Text.Json;

namespace ModelAudit.Core.Audit.Baselines;

/// <summary>Parses baseline.json and its maps; every defect is one message naming the file.</summary>
internal static class BaselineReader
{
    public static BaselineModel Read(string file, string folder)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file));
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
            var root = document.RootElement;
            var version = Int(root, "version", file, "the file");
            if (version != 1)
            {
                throw Corrupt(file, $"baseline format version {version} is not supported (this tool reads version 1)");
            }

            var images = new List<BaselineImage>();
            var index = 0;
            foreach (var image in Array(root, "images", file))
            {
                images.Add(Image(image, file, folder, $"images[{index++}]"));
            }

            return new BaselineModel(
                String(root, "model", file, "the file"),
                String(root, "modelSha256", file, "the file"),
                String(root, "method", file, "the file"),
                String(root, "layer", file, "the file"),
                images);
        }
    }

    private static BaselineImage Image(JsonElement image, string file, string folder, string where)
    {
        var path = String(image, "path", file, where);
        var imageClass = Int(image, "class", file, where);
        var probability = Double(image, "probability", file, where);
        var relevanceMass = Double(image, "relevanceMass", file, where);
        var width = Int(image, "mapWidth", file, where);
        var height = Int(image, "mapHeight", file, where);
        var mapName = String(image, "map", file, where);
        var mapsFolder = Path.GetFullPath(Path.Combine(folder, "maps")) + Path.DirectorySeparatorChar;
        var mapPath = Path.GetFullPath(Path.Combine(folder, mapName));
        if (!mapPath.StartsWith(mapsFolder, StringComparison.Ordinal))
        {
            throw Corrupt(file, $"{where}.map \"{mapName}\" is outside the maps folder");
        }

        if (!File.Exists(mapPath))
        {
            throw Corrupt(file, $"{where}.map {mapName} is missing");
        }

        var (data, shape) = NpyReader.Read(mapPath);
        if (shape.Length != 2 || shape[0] != height || shape[1] != width)
        {
            throw new ModelAuditException($"{mapPath}: map shape ({string.Join(", ", shape)}) does not match ({height}, {width}) in {file}; rerun `modelaudit baseline accept`");
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

    private static ModelAuditException Corrupt(string file, string detail, Exception? inner = null)
    {
        var message = $"{file}: corrupt baseline: {detail}; rerun `modelaudit baseline accept` to rewrite it";
        return inner is null ? new ModelAuditException(message) : new ModelAuditException(message, inner);
    }
}
