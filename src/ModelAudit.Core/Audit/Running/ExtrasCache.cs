using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// Report pictures that depend on the model alone (filter patterns), kept in the report folder's .cache/ so an
/// audit of an unchanged model does not recompute them. An entry is found by the hash of its full key (model
/// hash, layer, settings) and holds the key itself: a changed model can never read an old picture. An entry
/// that does not parse, holds another key or whose PNG does not decode is treated as missing and rewritten.
/// </summary>
internal sealed class ExtrasCache(string directory)
{
    public const string FolderName = ".cache";

    public string Directory { get; } = directory;

    public static ExtrasCache InReport(string reportDirectory) => new(Path.Combine(reportDirectory, FolderName));

    /// <summary>The picture stored under <paramref name="key"/>, or null when there is none or it is unusable.</summary>
    public Picture? Read(string kind, string scope, string key)
    {
        var path = PathOf(kind, scope, key);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("key").GetString() != key)
            {
                return null;
            }

            var png = root.GetProperty("png").GetBytesFromBase64();
            var image = PngDecoder.Decode(png, path);
            return new Picture(root.GetProperty("title").GetString() ?? "", png, image.Width, image.Height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
            or InvalidOperationException or FormatException or ImageFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores the picture and removes the other entries of the same kind and scope (the pictures of an older
    /// model under the same name), so the cache holds one entry per model. A cache that cannot be written is
    /// only a cache: the audit goes on.
    /// </summary>
    public void Write(string kind, string scope, string key, Picture picture)
    {
        var path = PathOf(kind, scope, key);
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("title", picture.Title);
            writer.WriteBase64String("png", picture.Png);
            writer.WriteEndObject();
        }

        try
        {
            AtomicFile.Write(path, json.ToArray());
            foreach (var stale in System.IO.Directory.EnumerateFiles(Directory, $"{kind}-{Hash(scope, 12)}-*.json"))
            {
                if (!string.Equals(Path.GetFullPath(stale), Path.GetFullPath(path), StringComparison.Ordinal))
                {
                    File.Delete(stale);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private string PathOf(string kind, string scope, string key) =>
        Path.Combine(Directory, $"{kind}-{Hash(scope, 12)}-{Hash(key, 24)}.json");

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
