using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>How many bytes of raw data a tensor's shape and element type call for (ONNX's little-endian raw layout).</summary>
internal static class TensorBytes
{
    /// <summary>The byte count, or null when the element type has no fixed size (strings, unknown types).</summary>
    public static long? Needed(TensorProto tensor, string source)
    {
        var count = TensorData.CountElements(tensor, source);
        try
        {
            return tensor.DataType switch
            {
                1 or 6 or 12 => checked(count * 4), // float, int32, uint32
                2 or 3 or 9 or 17 or 18 or 19 or 20 => count, // uint8, int8, bool, the four float8 kinds
                4 or 5 or 10 or 16 => checked(count * 2), // uint16, int16, float16, bfloat16
                7 or 11 or 13 or 14 => checked(count * 8), // int64, double, uint64, complex64
                15 => checked(count * 16), // complex128
                21 or 22 or 23 => (count / 2) + (count % 2), // uint4, int4, float4e2m1: two per byte
                _ => null,
            };
        }
        catch (OverflowException)
        {
            throw TensorData.Error(source, tensor, "needs more bytes than fit in 64 bits");
        }
    }

    public static string TypeName(TensorProto tensor) =>
        Enum.IsDefined((OnnxDataType)tensor.DataType) ? ((OnnxDataType)tensor.DataType).ToString().ToLowerInvariant() : $"type {tensor.DataType}";
}
