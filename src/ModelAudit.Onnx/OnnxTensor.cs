using ModelAudit.Onnx.Internal;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx;

/// <summary>A constant tensor of the model: an initializer or the value of a Constant node.</summary>
public sealed class OnnxTensor
{
    private readonly TensorProto proto;
    private readonly string source;

    internal OnnxTensor(TensorProto proto, string source)
    {
        this.proto = proto;
        this.source = source;
        Shape = proto.Dims.ToArray();
        ElementCount = TensorData.CountElements(proto, source);
    }

    public string Name => proto.Name;

    public long[] Shape { get; }

    public OnnxDataType DataType => (OnnxDataType)proto.DataType;

    public long ElementCount { get; }

    internal TensorProto Proto => proto;

    internal bool IsFloatingPoint => TensorData.IsFloatingPoint(proto.DataType);

    /// <summary>The elements converted to float, in row-major order.</summary>
    public float[] ToFloats() => TensorData.ToFloats(proto, ElementCount, source);

    /// <summary>The elements of an integer or bool tensor as 64-bit integers, in row-major order.</summary>
    public long[] ToInt64s() => TensorData.ToInt64s(proto, ElementCount, source);
}
