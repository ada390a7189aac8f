using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// Report pictures an unchanged audit would draw again (filter patterns of the model, activation grids of the
/// first image), kept in the report folder's .cache/ so a second audit does not recompute them. An entry is found
/// by the hash of its full key (model hash, image hash, layers, settings) and holds the key itself: a changed
/// model or image can never read an old picture. An entry that does not parse, holds another key or any of whose
/// PNGs does not decode is treated as missing.
/// The audit only reads the folder: the entries this run used (read or computed) are written with the new
/// report set (<see cref="Reporting.ReportSet"/>), which replaces the folder as a whole, so the cache never
/// breaks that promise and holds exactly the entries of the last audit (an older model's pictures drop out).
/// </summary>
internal sealed class ExtrasCache(string directory)
{
    public const string FolderName = ".cache";

    private readonly Dictionary<string, byte[]> used = new(StringComparer.Ordinal);

    public string Directory { get; } = directory;

    /// <summary>The entries this run read or computed, by file name: the content of the next report's .cache/.</summary>
    public IReadOnlyDictionary<string, byte[]> Used => used;

    public static ExtrasCache InReport(string reportDirectory) => new(Path.Combine(reportDirectory, FolderName));

    /// <summary>The pictures stored under <paramref name="key"/>, or null when there are none or the entry is unusable.</summary>
    public IReadOnlyList<Picture>? Read(string kind, string scope, string key)
    {
        var name = NameOf(kind, scope, key);
        var path = Path.Combine(Directory, name);
        try
        {
            var bytes = File.ReadAllBytes(path);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.GetProperty("key").GetString() != key)
            {
                return null;
            }

            var pictures = root.GetProperty("pictures").EnumerateArray().Select(p =>
            {
                var png = p.GetProperty("png").GetBytesFromBase64();
                var image = PngDecoder.Decode(png, path);
                return new Picture(p.GetProperty("title").GetString() ?? "", png, image.Width, image.Height);
            }).ToList();
            used[name] = bytes;
            return pictures;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
            or InvalidOperationException or FormatException or ImageFormatException)
        {
            return null;
        }
    }

    /// <summary>Keeps the pictures for the next report set (nothing is written to disk here).</summary>
    public void Write(string kind, string scope, string key, IReadOnlyList<Picture> pictures)
    {
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteStartArray("pictures");
            foreach (var picture in pictures)
            {
                writer.WriteStartObject();
                writer.WriteString("title", picture.Title);
                writer.WriteBase64String("png", picture.Png);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        used[NameOf(kind, scope, key)] = json.ToArray();
    }

    /// <summary>Writes <paramref name="entries"/> as <paramref name="reportStaging"/>/.cache/ (nothing when there are none).</summary>
    internal static void WriteSet(IReadOnlyDictionary<string, byte[]> entries, string reportStaging)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var folder = Path.Combine(reportStaging, FolderName);
        FileSteps.CreateDirectory(folder);
        foreach (var (name, bytes) in entries)
        {
            FileSteps.WriteNew(Path.Combine(folder, name), bytes);
        }
    }

    private static string NameOf(string kind, string scope, string key) => $"{kind}-{Hash(scope, 12)}-{Hash(key, 24)}.json";

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
