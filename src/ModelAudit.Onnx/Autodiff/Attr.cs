using Google.Protobuf;
using ModelAudit.Onnx.Proto;
using AttributeType = ModelAudit.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>Attribute constructors for the nodes of the backward model.</summary>
internal static class Attr
{
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    public static AttributeProto Str(string name, string value) =>
        new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attr = new AttributeProto { Name = name, Type = AttributeType.Ints };
        attr.Ints.Add(values);
        return attr;
    }

    public static AttributeProto Tensor(string name, TensorProto value) => new() { Name = name, Type = AttributeType.Tensor, T = value };
}
