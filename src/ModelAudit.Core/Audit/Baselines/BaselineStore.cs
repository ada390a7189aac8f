using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// The committed baseline of each model: <c>&lt;dir&gt;/&lt;model&gt;/baseline.json</c> (hash, method, layer,
/// per image the prediction and relevance mass) and <c>&lt;dir&gt;/&lt;model&gt;/maps/&lt;image&gt;.npy</c>
/// (the low-resolution map, float32, shape (h, w)). The bytes depend only on the content: images sorted
/// by path, invariant round-trip numbers, two-space indent, '\n' line ends, so a re-accept of an
/// unchanged model is no diff and a changed one reviews well.
/// </summary>
public static class BaselineStore
{
    private const int FormatVersion = 1;
    private const string FileName = "baseline.json";
    private const string MapsFolder = "maps";

    /// <summary>The model's baseline, or null when none was accepted; a corrupt one throws naming the file.</summary>
    public static BaselineModel? Read(string baselineDirectory, string modelName)
    {
        var folder = ModelFolder(baselineDirectory, modelName);
        var file = Path.Combine(folder, FileName);
        return File.Exists(file) ? BaselineReader.Read(file, folder) : null;
    }

    /// <summary>Writes (atomically, file by file) and removes maps no longer referenced.</summary>
    public static void Write(string baselineDirectory, BaselineModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folder = ModelFolder(baselineDirectory, model.ModelName);
        var images = model.Images.OrderBy(i => i.ImagePath, StringComparer.Ordinal).ToList();
        var mapNames = MapFileNames(images);
        for (var k = 0; k < images.Count; k++)
        {
            var image = images[k];
            if (image.MapWidth <= 0 || image.MapHeight <= 0 || image.Map.Length != image.MapWidth * image.MapHeight)
            {
                throw new ArgumentException($"{image.ImagePath}: the map holds {image.Map.Length} values, not {image.MapWidth}x{image.MapHeight}");
            }

            NpyWriter.Save(Path.Combine(folder, MapsFolder, mapNames[k]), image.Map, [image.MapHeight, image.MapWidth]);
        }

        AtomicFile.Write(Path.Combine(folder, FileName), Json(model, images, mapNames));
        RemoveStaleMaps(Path.Combine(folder, MapsFolder), mapNames);
    }

    internal static string ModelFolder(string baselineDirectory, string modelName) =>
        Path.Combine(Path.GetFullPath(baselineDirectory), NpyWriter.SafeFileName(modelName));

    /// <summary>Safe names; a second image that maps to a taken name gets a hash of its path appended.</summary>
    private static List<string> MapFileNames(List<BaselineImage> images)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var image in images)
        {
            var name = NpyWriter.SafeFileName(image.ImagePath) + ".npy";
            if (!taken.Add(name))
            {
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image.ImagePath)))[..8];
                name = $"{NpyWriter.SafeFileName(image.ImagePath)}-{hash}.npy";
                if (!taken.Add(name))
                {
                    throw new ArgumentException($"image {image.ImagePath} appears twice in the baseline of one model");
                }
            }

            names.Add(name);
        }

        return names;
    }

    private static byte[] Json(BaselineModel model, List<BaselineImage> images, List<string> mapNames)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 2, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteString("model", model.ModelName);
            json.WriteString("modelSha256", model.ModelSha256);
            json.WriteString("method", model.Method);
            json.WriteString("layer", model.Layer);
            json.WriteStartArray("images");
            for (var k = 0; k < images.Count; k++)
            {
                var image = images[k];
                json.WriteStartObject();
                json.WriteString("path", image.ImagePath);
                json.WriteNumber("class", image.Class);
                WriteDouble(json, "probability", image.Probability, image.ImagePath);
                WriteDouble(json, "relevanceMass", image.RelevanceMass, image.ImagePath);
                json.WriteNumber("mapWidth", image.MapWidth);
                json.WriteNumber("mapHeight", image.MapHeight);
                json.WriteString("map", $"{MapsFolder}/{mapNames[k]}");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value, string image)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{image}: {name} is {value}; a baseline holds finite numbers only");
        }

        json.WritePropertyName(name);
        json.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    private static void RemoveStaleMaps(string mapsFolder, List<string> keep)
    {
        if (!Directory.Exists(mapsFolder))
        {
            return;
        }

        var wanted = new HashSet<string>(keep, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(mapsFolder, "*.npy"))
        {
            if (!wanted.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }
}
