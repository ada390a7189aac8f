using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Limits;
using ModelAudit.IO;

namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// Reads modelaudit.json: every error is a <see cref="ConfigException"/> pointing at the offending entry
/// (line and column), every path is resolved against the config's folder and checked to exist.
/// </summary>
public static class AuditConfigLoader
{
    public const string DefaultBaselineDirectory = ".modelaudit/baseline";

    internal static readonly string[] Known = ["$schema", "baseline", "limits", "models", "report"];

    public static AuditConfig Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ModelAuditException($"the config path \"{path.Replace("\0", "\\0", StringComparison.Ordinal)}\" is not a file name; give modelaudit.json or its folder");
        }

        var file = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAll(file, FileLimits.ConfigBytes, FileLimits.Hint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = Directory.Exists(file) ? "is a folder, expected modelaudit.json" : e is FileNotFoundException or DirectoryNotFoundException ? "config file not found" : e.Message;
            throw new ModelAuditException($"{file}: {why}", e);
        }

        var source = new ConfigSource(file);
        var root = new JsonObjectReader(source, PositionedJsonParser.Parse(bytes, file, out _), "", Known);
        if (root.Get("$schema") is { Kind: not JsonKind.String } schema)
        {
            throw root.TypeError(schema, "$schema", "a string");
        }

        source.Limits = LimitsReader.Read(source, root.Get("limits"));
        var models = root.Array("models") ?? throw source.Invalid(root.Location, "the file needs \"models\": a list of the models to audit");
        if (models.Count == 0)
        {
            throw source.Invalid(root.Get("models")!.Location, "\"models\" is empty; list at least one model");
        }

        var entries = new List<ModelEntry>();
        for (var k = 0; k < models.Count; k++)
        {
            var entry = ModelEntryReader.Read(source, models[k], $"models[{k}]");
            var folder = IO.SafeNames.TryMap(entry.Name);
            var index = entries.FindIndex(e => IO.SafeNames.Collide(IO.SafeNames.TryMap(e.Name)!, folder!));
            if (index >= 0)
            {
                var twin = entries[index];
                throw source.Invalid(entry.Location, string.Equals(twin.Name, entry.Name, StringComparison.OrdinalIgnoreCase)
                    ? $"models[{k}] is named \"{entry.Name}\" like models[{index}] (line {twin.Location.Line}); names must be unique (they name the baseline folders)"
                    : $"models[{k}] \"{entry.Name}\" and models[{index}] \"{twin.Name}\" (line {twin.Location.Line}) would share the baseline folder \"{folder}\"; rename one");
            }

            entries.Add(entry);
        }

        return new AuditConfig
        {
            Path = file,
            Directory = source.Directory,
            BaselineDirectory = BaselineFolder(source, root),
            Models = entries,
            Report = ReportExtrasReader.Read(source, root.Get("report"), "report"),
        };
    }

    /// <summary>`baseline accept` replaces this folder as a whole: it must be a folder of its own.</summary>
    private static string BaselineFolder(ConfigSource source, JsonObjectReader root)
    {
        var written = root.String("baseline");
        if (written is null)
        {
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(source.Directory, DefaultBaselineDirectory));
        }

        var at = root.Get("baseline")!.Location;
        var full = Path.TrimEndingDirectorySeparator(source.Resolve(written, at, "baseline"));
        var configFolder = Path.TrimEndingDirectorySeparator(source.Directory) + Path.DirectorySeparatorChar;
        var why = Path.GetDirectoryName(full) is null ? "is the root of the file system"
            : configFolder.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase) ? "holds this config's own folder"
            : null;
        return why is null
            ? full
            : throw source.Invalid(at, $"\"baseline\": {full} {why}, and `baseline accept` replaces the baseline folder as a whole; give it a folder of its own (default {DefaultBaselineDirectory})");
    }
}
