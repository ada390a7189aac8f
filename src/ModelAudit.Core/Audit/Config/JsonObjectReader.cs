using System.Globalization;
using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// Typed, position-aware access to one JSON object of the config. Unknown property names fail at once
/// (naming the closest known one); type and range errors point at the value.
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JsonNode _node;

    public JsonObjectReader(ConfigSource source, JsonNode node, string where, IReadOnlyList<string> known)
    {
        Source = source;
        Where = where;
        if (node.Kind != JsonKind.Object)
        {
            throw source.Invalid(node.Location, $"{where} must be an object, got {node.KindName}");
        }

        _node = node;
        foreach (var property in node.Properties)
        {
            if (!known.Contains(property.Name))
            {
                var closest = NameSuggester.Closest(property.Name, known);
                var hint = closest is null ? $"known: {string.Join(", ", known)}" : $"did you mean \"{closest}\"?";
                throw source.Invalid(property.NameLocation, $"{where} has unknown property \"{property.Name}\"; {hint}");
            }
        }
    }

    public ConfigSource Source { get; }

    /// <summary>The object's path in the file, e.g. models[0].images[2].</summary>
    public string Where { get; }

    public SourceLocation Location => _node.Location;

    public string PathOf(string name) => Where.Length == 0 ? name : $"{Where}.{name}";

    /// <summary>
    /// The property's value, or null when it is not written. A written null is refused for every property (the
    /// schema says so too): "absent" and "null" meaning the same, silently, hid typos in generated configs.
    /// </summary>
    public JsonNode? Get(string name)
    {
        var value = _node.Properties.Find(p => p.Name == name)?.Value;
        return value is { Kind: JsonKind.Null }
            ? throw Source.Invalid(value.Location, $"{PathOf(name)} is null; leave the property out to use its default, or give a value")
            : value;
    }

    public JsonNode Required(string name) =>
        Get(name) ?? throw Source.Invalid(_node.Location, $"{(Where.Length == 0 ? "the file" : Where)} needs \"{name}\"");

    public string? String(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        if (value.Kind != JsonKind.String)
        {
            throw TypeError(value, PathOf(name), "a string");
        }

        return value.Text.Length > 0 ? value.Text : throw Source.Invalid(value.Location, $"{PathOf(name)} must not be empty");
    }

    /// <summary>A string from a fixed set (case-insensitive), returned in its canonical spelling.</summary>
    public string? Choice(string name, IReadOnlyList<string> choices)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
            ?? throw Source.Invalid(Get(name)!.Location, $"{PathOf(name)} is \"{text}\"; expected one of {string.Join(", ", choices)}");
    }

    public bool? Bool(string name)
    {
        var value = Get(name);
        return value switch
        {
            null => null,
            { Kind: JsonKind.True } => true,
            { Kind: JsonKind.False } => false,
            _ => throw TypeError(value, PathOf(name), "true or false"),
        };
    }

    public double? Number(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        var value = Get(name);
        return value is null ? null : NumberOf(value, PathOf(name), min, max, minExclusive);
    }

    public int? Int(string name, int min)
    {
        var value = Get(name);
        return value is null ? null : IntOf(value, PathOf(name), min);
    }

    public List<JsonNode>? Array(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        return value.Kind == JsonKind.Array ? value.Items : throw TypeError(value, PathOf(name), "an array");
    }

    public double NumberOf(JsonNode value, string where, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        if (value.Kind != JsonKind.Number)
        {
            throw TypeError(value, where, "a number");
        }

        var number = double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var belowMin = minExclusive ? number <= min : number < min;
        if (!double.IsFinite(number) || belowMin || number > max)
        {
            var low = double.IsNegativeInfinity(min) ? "" : $"{(minExclusive ? ">" : ">=")} {min.ToString(CultureInfo.InvariantCulture)}";
            var high = double.IsPositiveInfinity(max) ? "" : $"<= {max.ToString(CultureInfo.InvariantCulture)}";
            var range = string.Join(" and ", new[] { low, high }.Where(s => s.Length > 0));
            throw Source.Invalid(value.Location, $"{where} is {value.Text}; it must be {(range.Length > 0 ? range : "a finite number")}");
        }

        return number;
    }

    public int IntOf(JsonNode value, string where, int min)
    {
        if (value.Kind != JsonKind.Number)
        {
            throw TypeError(value, where, "a whole number");
        }

        if (!int.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Source.Invalid(value.Location, $"{where} is {value.Text}; it must be a whole number");
        }

        return number >= min ? number : throw Source.Invalid(value.Location, $"{where} is {value.Text}; it must be >= {min}");
    }

    public ConfigException TypeError(JsonNode value, string where, string expected) =>
        Source.Invalid(value.Location, $"{where} must be {expected}, got {value.KindName}");
}
