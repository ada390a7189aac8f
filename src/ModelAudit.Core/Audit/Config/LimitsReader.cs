using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Limits;

namespace ModelAudit.Core.Audit.Config;

/// <summary>"limits": the same limits as --max-pixels and --max-input-elements, for every model of the file.</summary>
internal static class LimitsReader
{
    internal static readonly string[] Known = ["maxPixels", "maxInputElements"];

    public static InputLimits Read(ConfigSource source, JsonNode? node)
    {
        if (node is null)
        {
            return InputLimits.Default;
        }

        var o = new JsonObjectReader(source, node, "limits", Known);
        return new InputLimits
        {
            MaxPixels = Whole(o, "maxPixels") ?? InputLimits.Default.MaxPixels,
            MaxInputElements = Whole(o, "maxInputElements") ?? InputLimits.Default.MaxInputElements,
        };
    }

    private static long? Whole(JsonObjectReader o, string name)
    {
        if (o.Number(name, min: 1, max: long.MaxValue) is not double value)
        {
            return null;
        }

        return value == Math.Floor(value) ? (long)value : throw o.Source.Invalid(o.Get(name)!.Location, $"{o.PathOf(name)} is {value}; it must be a whole number");
    }
}
