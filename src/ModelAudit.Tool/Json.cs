using System.Text.Json;
using System.Text.Json.Nodes;
using ModelAudit.Onnx;

namespace ModelAudit.Tool;

/// <summary>Small helpers shared by the commands' --json output.</summary>
internal static class Json
{
    /// <summary>Indented, with LF line ends on every OS (one line-ending policy for everything we write).</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, NewLine = "\n" };

    public static JsonArray Shape(IEnumerable<long> shape) =>
        new(shape.Select(d => d < 0 ? null : (JsonNode?)JsonValue.Create(d)).ToArray());

    public static JsonObject Value(OnnxValue value) => new()
    {
        ["name"] = value.Name,
        ["shape"] = value.Shape is null
            ? null
            : new JsonArray(value.Shape.Dims.Select(d => d.Value is long v ? JsonValue.Create(v) : (JsonNode?)(d.Param is null ? null : JsonValue.Create(d.Param))).ToArray()),
        ["type"] = TypeName(value.ElementType),
    };

    public static string TypeName(OnnxDataType type) => type switch
    {
        OnnxDataType.Float => "float32",
        OnnxDataType.Double => "float64",
        OnnxDataType.Float16 => "float16",
        OnnxDataType.Bool => "bool",
        OnnxDataType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };
}
