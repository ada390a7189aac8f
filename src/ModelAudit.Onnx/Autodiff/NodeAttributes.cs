using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>Typed reads of a forward node's attributes, with the operator's defaults as fallbacks.</summary>
internal static class NodeAttributes
{
    public static AttributeProto? Find(this NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);

    public static long Int(this NodeProto node, string name, long fallback) => node.Find(name) is { } a ? a.I : fallback;

    public static float Float(this NodeProto node, string name, float fallback) => node.Find(name) is { } a ? a.F : fallback;

    public static string Str(this NodeProto node, string name, string fallback) =>
        node.Find(name) is { } a ? a.S.ToStringUtf8() : fallback;

    public static long[]? Ints(this NodeProto node, string name) => node.Find(name) is { } a ? [.. a.Ints] : null;

    public static float[]? Floats(this NodeProto node, string name) => node.Find(name) is { } a ? [.. a.Floats] : null;

    public static string Label(this NodeProto node) =>
        node.Name.Length > 0 ? node.Name : node.Output.FirstOrDefault(o => o.Length > 0) ?? node.OpType;

    /// <summary>The name of input <paramref name="index"/>, or null when it is absent or left empty.</summary>
    public static string? InputAt(this NodeProto node, int index) =>
        index < node.Input.Count && node.Input[index].Length > 0 ? node.Input[index] : null;
}
