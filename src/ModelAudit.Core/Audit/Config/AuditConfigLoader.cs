using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// Reads modelaudit.json: every error is a <see cref="ConfigException"/> pointing at the offending entry
/// (line and column), every path is resolved against the config's folder and checked to exist.
/// </summary>
public static class AuditConfigLoader
{
    public const string DefaultBaselineDirectory = ".modelaudit/baseline";

    internal static readonly string[] Known = ["$schema", "baseline", "models"];

    public static AuditConfig Load(string path)
    {
        var file = Path.GetFullPath(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
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

        var models = root.Array("models") ?? throw source.Invalid(root.Location, "the file needs \"models\": a list of the models to audit");
        if (models.Count == 0)
        {
            throw source.Invalid(root.Get("models")!.Location, "\"models\" is empty; list at least one model");
        }

        var entries = new List<ModelEntry>();
        for (var k = 0; k < models.Count; k++)
        {
            var entry = ModelEntryReader.Read(source, models[k], $"models[{k}]");
            if (entries.Find(e => string.Equals(e.Name, entry.Name, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                throw source.Invalid(entry.Location, $"models[{k}] is named \"{entry.Name}\" like the model at line {twin.Location.Line}; names must be unique (they name the baseline folders)");
            }

            entries.Add(entry);
        }

        return new AuditConfig
        {
            Path = file,
            Directory = source.Directory,
            BaselineDirectory = source.Resolve(root.String("baseline") ?? DefaultBaselineDirectory),
            Models = entries,
        };
    }
}
