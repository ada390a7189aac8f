using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx;

/// <summary>One operator of the graph with typed access to its attributes.</summary>
public sealed class OnnxNode
{
    private readonly NodeProto proto;
    private readonly string source;

    internal OnnxNode(NodeProto proto, long opset, string source)
    {
        this.proto = proto;
        this.source = source;
        Opset = opset;
        Inputs = proto.Input.ToArray();
        Outputs = proto.Output.ToArray();
    }

    public string Name => proto.Name;

    /// <summary>The node's name, or its first output when the node is unnamed (many exporters leave names empty).</summary>
    public string DisplayName => proto.Name.Length > 0 ? proto.Name : Outputs.Count > 0 ? Outputs[0] : "(" + OpType + ")";

    public string OpType => proto.OpType;

    public string Domain => proto.Domain;

    /// <summary>Input value names; an empty name marks an omitted optional input.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The opset version the model imports for this node's domain.</summary>
    public long Opset { get; }

    internal NodeProto Proto => proto;

    public bool HasAttribute(string attr) => Find(attr) is not null;

    public long GetInt(string attr, long fallback) => Find(attr) is { } a && IsType(a, AttributeProto.Types.AttributeType.Int, a.HasI) ? a.I : fallback;

    public float GetFloat(string attr, float fallback) => Find(attr) is { } a && IsType(a, AttributeProto.Types.AttributeType.Float, a.HasF) ? a.F : fallback;

    public IReadOnlyList<long>? GetInts(string attr) =>
        Find(attr) is { } a && IsType(a, AttributeProto.Types.AttributeType.Ints, a.Ints.Count > 0) ? a.Ints.ToArray() : null;

    public IReadOnlyList<float>? GetFloats(string attr) =>
        Find(attr) is { } a && IsType(a, AttributeProto.Types.AttributeType.Floats, a.Floats.Count > 0) ? a.Floats.ToArray() : null;

    public string? GetString(string attr) =>
        Find(attr) is { } a && IsType(a, AttributeProto.Types.AttributeType.String, a.HasS) ? a.S.ToStringUtf8() : null;

    public OnnxTensor? GetTensor(string attr) =>
        Find(attr) is { } a && IsType(a, AttributeProto.Types.AttributeType.Tensor, a.T is not null) && a.T is not null
            ? new OnnxTensor(a.T, source)
            : null;

    public override string ToString() => $"{OpType} '{DisplayName}'";

    // Old exporters omit the type field; then the presence of the payload decides.
    private static bool IsType(AttributeProto a, AttributeProto.Types.AttributeType type, bool payloadPresent) =>
        a.HasType ? a.Type == type : payloadPresent;

    private AttributeProto? Find(string attr)
    {
        foreach (var a in proto.Attribute)
        {
            if (a.Name == attr)
            {
                return a;
            }
        }

        return null;
    }
}
