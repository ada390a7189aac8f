using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config.Json;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A JSON value that remembers where it starts in the file, so every config error can point at the
/// offending entry (System.Text.Json's DOM forgets positions).
/// </summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, SourceLocation location)
    {
        Kind = kind;
        Location = location;
    }

    public JsonKind Kind { get; }

    public SourceLocation Location { get; }

    /// <summary>String contents, or the number exactly as written.</summary>
    public string Text { get; init; } = "";

    public List<JsonProperty> Properties { get; } = [];

    public List<JsonNode> Items { get; } = [];

    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };
}

/// <summary>An object member: its name's location is where "unknown property" errors point.</summary>
internal sealed record JsonProperty(string Name, SourceLocation NameLocation, JsonNode Value);
