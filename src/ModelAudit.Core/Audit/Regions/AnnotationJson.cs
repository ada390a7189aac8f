using System.Globalization;
using System.Text.Json;

namespace ModelAudit.Core.Audit.Regions;

/// <summary>Typed access to annotation JSON with errors that name the file and the element.</summary>
internal static class AnnotationJson
{
    public static JsonElement Property(JsonElement obj, string name, string file, string where)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new ModelAuditException($"{file}: {where} must be an object");
        }

        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new ModelAuditException($"{file}: {where} has no \"{name}\"");
    }

    public static string String(JsonElement value, string file, string where) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new ModelAuditException($"{file}: {where} must be a string");

    public static double Number(JsonElement value, string file, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)
            ? d
            : throw new ModelAuditException($"{file}: {where} must be a number");

    public static List<JsonElement> Array(JsonElement value, string file, string where) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().ToList()
            : throw new ModelAuditException($"{file}: {where} must be an array");

    /// <summary>COCO ids are usually integers but any JSON scalar identifies; compare them as raw text.</summary>
    public static string Id(JsonElement value, string file, string where) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.String => value.GetString()!,
        _ => throw new ModelAuditException($"{file}: {where} must be a number or a string"),
    };
}
