using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// The committed baseline of each model: <c>&lt;dir&gt;/&lt;model&gt;/baseline.json</c> (hash, method, layer,
/// how faithfulness was measured, per image the prediction, relevance mass, its map's size and SHA-256 and, when
/// faithfulness was on, its deletion/insertion AUC) and
/// <c>&lt;dir&gt;/&lt;model&gt;/maps/&lt;image&gt;.npy</c> (the low-resolution map, float32, shape (h, w)). The
/// bytes depend only on the content: images sorted by path, invariant round-trip numbers, two-space indent,
/// '\n' line ends, so a re-accept of an unchanged model is no diff and a changed one reviews well.
/// The whole folder is replaced in one transaction (<see cref="FolderSwap"/>): all models or none.
/// </summary>
public static class BaselineStore
{
    internal const string FileName = "baseline.json";
    /// <summary>3 added the faithfulness areas; 1 and 2 are still read (without them).</summary>
    internal const int FormatVersion = 3;
    private const string MapsFolder = "maps";

    /// <summary>The model's baseline, or null when none was accepted; a corrupt one throws <see cref="CorruptBaselineException"/>.</summary>
    public static BaselineModel? Read(string baselineDirectory, string modelName)
    {
        FolderSwap.RecoverIfInterrupted(baselineDirectory, "baseline");
        var folder = ModelFolder(baselineDirectory, modelName);
        var file = Path.Combine(folder, FileName);
        return File.Exists(file) ? BaselineReader.Read(file, folder) : null;
    }

    /// <summary>The files an audit of this model reads (baseline.json and its maps), for MSBuild's incremental check.</summary>
    public static IEnumerable<string> FilesOf(string baselineDirectory, string modelName)
    {
        var folder = ModelFolder(baselineDirectory, modelName);
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return [];
        }

        var maps = Path.Combine(folder, MapsFolder);
        return Directory.Exists(maps) ? [file, .. Directory.EnumerateFiles(maps, "*.npy")] : [file];
    }

    /// <summary>Replaces one model's baseline, keeping the others.</summary>
    public static void Write(string baselineDirectory, BaselineModel model) => WriteAll(baselineDirectory, [model]);

    /// <summary>
    /// Replaces the baselines of <paramref name="models"/> as one transaction: every file is encoded first,
    /// then the complete new folder (with the other models' baselines and top-level files carried over) is
    /// written beside the old one, read back, and swapped in. Interrupted anywhere, the previous baseline stays whole.
    /// </summary>
    public static void WriteAll(string baselineDirectory, IReadOnlyList<BaselineModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var encoded = models.Select(Encode).ToList();
        for (var i = 0; i < encoded.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (SafeNames.Collide(encoded[i].Folder, encoded[j].Folder))
                {
                    throw new ArgumentException($"models \"{models[j].ModelName}\" and \"{models[i].ModelName}\" share the baseline folder {encoded[i].Folder}");
                }
            }
        }

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(baselineDirectory));
        FolderSwap? swap = null;
        try
        {
            swap = FolderSwap.Begin(target, "baseline");
            CarryOver(target, swap.Staging, encoded.Select(e => e.Folder).ToList());
            foreach (var model in encoded)
            {
                var folder = Path.Combine(swap.Staging, model.Folder);
                FileSteps.CreateDirectory(Path.Combine(folder, MapsFolder));
                foreach (var (name, bytes) in model.Maps)
                {
                    FileSteps.WriteNew(Path.Combine(folder, MapsFolder, name), bytes);
                }

                FileSteps.WriteNew(Path.Combine(folder, FileName), model.Json);
            }

            // Read back what the disk holds before it replaces anything.
            foreach (var model in encoded)
            {
                var folder = Path.Combine(swap.Staging, model.Folder);
                BaselineReader.Read(Path.Combine(folder, FileName), folder);
            }

            swap.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var state = swap is { Committed: true }
                ? "the new baseline is committed; the next modelaudit run finishes moving it into place"
                : "the previous baseline is unchanged";
            throw new ModelAuditException($"{target}: cannot write the baseline: {e.Message}; {state}", e);
        }
        finally
        {
            swap?.Dispose();
        }
    }

    internal static string ModelFolder(string baselineDirectory, string modelName) =>
        Path.Combine(Path.GetFullPath(baselineDirectory), SafeNames.Map(modelName, "model name"));

    private sealed record Encoded(string Folder, List<(string Name, byte[] Bytes)> Maps, byte[] Json);

    private static Encoded Encode(BaselineModel model)
    {
        var images = model.Images.OrderBy(i => i.ImagePath, StringComparer.Ordinal).ToList();
        // Areas without their settings (or settings without areas) could not be compared like with like later.
        if (images.FirstOrDefault(i => (i.Faithfulness is null) != (model.Faithfulness is null)) is { } odd)
        {
            throw new ArgumentException(model.Faithfulness is null
                ? $"{odd.ImagePath}: has faithfulness areas but {model.ModelName} records no faithfulness settings"
                : $"{odd.ImagePath}: has no faithfulness areas although {model.ModelName} was accepted with faithfulness on");
        }

        var maps = new List<(string Name, byte[] Bytes)>();
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in images)
        {
            if (image.MapWidth <= 0 || image.MapHeight <= 0 || image.Map.Length != (long)image.MapWidth * image.MapHeight)
            {
                throw new ArgumentException($"{image.ImagePath}: the map holds {image.Map.Length} values, not {image.MapWidth}x{image.MapHeight}");
            }

            if (!image.Map.All(float.IsFinite))
            {
                throw new ArgumentException($"{image.ImagePath}: the map holds a value that is not finite; a baseline holds finite numbers only");
            }

            var name = SafeNames.Map(image.ImagePath, "image path") + ".npy";
            if (!taken.TryAdd(name, image.ImagePath))
            {
                throw new ArgumentException($"images {taken[name]} and {image.ImagePath} of {model.ModelName} share the map file {name}");
            }

            maps.Add((name, NpyWriter.Encode(image.Map, [image.MapHeight, image.MapWidth])));
        }

        return new Encoded(SafeNames.Map(model.ModelName, "model name"), maps, Json(model, images, maps));
    }

    /// <summary>
    /// The folder's other content survives the swap: baselines of models this accept does not write, and
    /// top-level files (a README, .gitattributes). A sub-folder that is no model's baseline means the baseline
    /// shares its folder with something else, which a swap would carry around blindly: refused.
    /// </summary>
    private static void CarryOver(string target, string staging, List<string> replaced)
    {
        if (File.Exists(target))
        {
            throw new ModelAuditException($"{target}: is a file; the baseline needs a folder");
        }

        if (!Directory.Exists(target))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(target))
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry))
            {
                if (!IsModelBaseline(entry))
                {
                    throw new ModelAuditException(
                        $"{target}: holds the folder \"{name}\", which is no model's baseline; give the baseline a folder of its own (\"baseline\" in modelaudit.json, default {Config.AuditConfigLoader.DefaultBaselineDirectory})");
                }

                if (!replaced.Exists(r => SafeNames.Collide(r, name)))
                {
                    CopyTree(entry, Path.Combine(staging, name));
                }
            }
            else if (!IsTemporary(name))
            {
                FileSteps.CopyFile(entry, Path.Combine(staging, name));
            }
        }
    }

    /// <summary>baseline.json and maps/*.npy, or what an older tool's interrupted accept left of them.</summary>
    private static bool IsModelBaseline(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).All(entry => Path.GetFileName(entry) switch
        {
            FileName => File.Exists(entry),
            MapsFolder => Directory.Exists(entry) && Directory.EnumerateFileSystemEntries(entry).All(m =>
                File.Exists(m) && (m.EndsWith(".npy", StringComparison.Ordinal) || IsTemporary(Path.GetFileName(m)))),
            var other => File.Exists(entry) && IsTemporary(other),
        });

    private static bool IsTemporary(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    private static void CopyTree(string from, string to)
    {
        FileSteps.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (!IsTemporary(Path.GetFileName(file)))
            {
                FileSteps.CopyFile(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static byte[] Json(BaselineModel model, List<BaselineImage> images, List<(string Name, byte[] Bytes)> maps)
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
            if (model.Faithfulness is { } faithfulness)
            {
                json.WriteStartObject("faithfulness");
                json.WriteNumber("steps", faithfulness.Steps);
                json.WriteString("removal", faithfulness.Removal);
                json.WriteEndObject();
            }
            else
            {
                // Written as null, not left out: a reader tells "measured nothing" from a line lost in a bad merge.
                json.WriteNull("faithfulness");
            }

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
                json.WriteString("map", $"{MapsFolder}/{maps[k].Name}");
                json.WriteNumber("mapBytes", maps[k].Bytes.Length);
                json.WriteString("mapSha256", Convert.ToHexStringLower(SHA256.HashData(maps[k].Bytes)));
                if (image.Faithfulness is { } areas)
                {
                    WriteDouble(json, "deletionAuc", areas.DeletionAuc, image.ImagePath);
                    WriteDouble(json, "insertionAuc", areas.InsertionAuc, image.ImagePath);
                }

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
}
