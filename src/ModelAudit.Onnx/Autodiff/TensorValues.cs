using System.Buffers.Binary;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>Reads the numbers of a constant tensor (raw little-endian bytes or the typed repeated fields), for rules
/// that need a value at build time (pads, slice bounds, Gemm's bias shape, Clip bounds).</summary>
internal static class TensorValues
{
    public static long[] Shape(TensorProto tensor) => [.. tensor.Dims];

    public static double[] ToDoubles(TensorProto tensor)
    {
        var type = (TensorProto.Types.DataType)tensor.DataType;
        var raw = tensor.HasRawData ? tensor.RawData.Span : ReadOnlySpan<byte>.Empty;
        if (tensor.HasRawData)
        {
            return type switch
            {
                TensorProto.Types.DataType.Float => Read(raw, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s)),
                TensorProto.Types.DataType.Double => Read(raw, 8, BinaryPrimitives.ReadDoubleLittleEndian),
                TensorProto.Types.DataType.Int64 => Read(raw, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s)),
                TensorProto.Types.DataType.Int32 => Read(raw, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s)),
                TensorProto.Types.DataType.Int8 => Read(raw, 1, s => (sbyte)s[0]),
                TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Bool => Read(raw, 1, s => s[0]),
                _ => throw new NotSupportedException($"constant '{tensor.Name}' has element type {type}"),
            };
        }

        return type switch
        {
            TensorProto.Types.DataType.Float => [.. tensor.FloatData.Select(f => (double)f)],
            TensorProto.Types.DataType.Double => [.. tensor.DoubleData],
            TensorProto.Types.DataType.Int64 => [.. tensor.Int64Data.Select(v => (double)v)],
            _ => [.. tensor.Int32Data.Select(v => (double)v)],
        };
    }

    public static long[] ToInt64s(TensorProto tensor) => [.. ToDoubles(tensor).Select(d => (long)d)];

    private static double[] Read(ReadOnlySpan<byte> raw, int size, ReadElement read)
    {
        var result = new double[raw.Length / size];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = read(raw.Slice(i * size, size));
        }

        return result;
    }

    private delegate double ReadElement(ReadOnlySpan<byte> bytes);
}
