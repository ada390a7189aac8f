using Google.Protobuf;
using ModelAudit.Onnx.Proto;
using AttributeType = ModelAudit.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace ModelAudit.Onnx.Building;

/// <summary>Turns plain .NET values into typed ONNX attributes.</summary>
internal static class Attributes
{
    public static AttributeProto Create(string name, object value)
    {
        var a = new AttributeProto { Name = name };
        switch (value)
        {
            case long l:
                a.Type = AttributeType.Int;
                a.I = l;
                break;
            case int i:
                a.Type = AttributeType.Int;
                a.I = i;
                break;
            case float f:
                a.Type = AttributeType.Float;
                a.F = f;
                break;
            case double d:
                a.Type = AttributeType.Float;
                a.F = (float)d;
                break;
            case string s:
                a.Type = AttributeType.String;
                a.S = ByteString.CopyFromUtf8(s);
                break;
            case long[] ls:
                a.Type = AttributeType.Ints;
                a.Ints.Add(ls);
                break;
            case int[] ins:
                a.Type = AttributeType.Ints;
                a.Ints.Add(ins.Select(x => (long)x));
                break;
            case float[] fs:
                a.Type = AttributeType.Floats;
                a.Floats.Add(fs);
                break;
            case string[] ss:
                a.Type = AttributeType.Strings;
                a.Strings.Add(ss.Select(ByteString.CopyFromUtf8));
                break;
            case OnnxTensor t:
                a.Type = AttributeType.Tensor;
                a.T = t.Proto.Clone();
                break;
            case TensorProto tp:
                a.Type = AttributeType.Tensor;
                a.T = tp;
                break;
            default:
                throw new ArgumentException($"attribute '{name}' has a value of type {value?.GetType().Name ?? "null"}, which has no ONNX attribute type", nameof(value));
        }

        return a;
    }

    public static TensorProto FloatTensor(string name, float[] data, long[] shape)
    {
        var bytes = new byte[data.Length * sizeof(float)];
        for (var i = 0; i < data.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), data[i]);
        }

        return new TensorProto { Name = name, DataType = (int)OnnxDataType.Float, Dims = { shape }, RawData = ByteString.CopyFrom(bytes) };
    }

    public static TensorProto Int64Tensor(string name, long[] data, long[] shape) =>
        new() { Name = name, DataType = (int)OnnxDataType.Int64, Dims = { shape }, Int64Data = { data } };
}
