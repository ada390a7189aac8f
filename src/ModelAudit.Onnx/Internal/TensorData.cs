using System.Buffers.Binary;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>Decodes a TensorProto's elements from whichever field holds them, checking every length first.</summary>
internal static class TensorData
{
    private const int BFloat16 = 16;

    public static long CountElements(TensorProto tensor, string source)
    {
        long count = 1;
        foreach (var dim in tensor.Dims)
        {
            if (dim < 0)
            {
                throw Error(source, tensor, $"has negative dimension {dim}");
            }

            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw Error(source, tensor, "has more elements than fit in 64 bits");
            }
        }

        return count;
    }

    public static bool IsFloatingPoint(int dataType) =>
        dataType is (int)OnnxDataType.Float or (int)OnnxDataType.Double or (int)OnnxDataType.Float16 or BFloat16;

    public static float[] ToFloats(TensorProto t, long count, string source)
    {
        CheckInline(t, source);
        switch (t.DataType)
        {
            case (int)OnnxDataType.Float:
                return t.HasRawData
                    ? FromRaw(t, count, 4, source, s => BinaryPrimitives.ReadSingleLittleEndian(s))
                    : Checked(t, t.FloatData.Count, count, source, () => t.FloatData.ToArray());
            case (int)OnnxDataType.Double:
                return t.HasRawData
                    ? FromRaw(t, count, 8, source, s => (float)BinaryPrimitives.ReadDoubleLittleEndian(s))
                    : Checked(t, t.DoubleData.Count, count, source, () => t.DoubleData.Select(d => (float)d).ToArray());
            case (int)OnnxDataType.Float16:
                return t.HasRawData
                    ? FromRaw(t, count, 2, source, s => (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(s)))
                    : Checked(t, t.Int32Data.Count, count, source, () => t.Int32Data.Select(b => (float)BitConverter.UInt16BitsToHalf((ushort)b)).ToArray());
            case BFloat16:
                return t.HasRawData
                    ? FromRaw(t, count, 2, source, s => BFloat16ToFloat(BinaryPrimitives.ReadUInt16LittleEndian(s)))
                    : Checked(t, t.Int32Data.Count, count, source, () => t.Int32Data.Select(b => BFloat16ToFloat((ushort)b)).ToArray());
            default:
                return ToInt64s(t, count, source).Select(v => (float)v).ToArray();
        }
    }

    public static long[] ToInt64s(TensorProto t, long count, string source)
    {
        CheckInline(t, source);
        switch (t.DataType)
        {
            case (int)OnnxDataType.Int64:
                return t.HasRawData
                    ? FromRaw(t, count, 8, source, BinaryPrimitives.ReadInt64LittleEndian)
                    : Checked(t, t.Int64Data.Count, count, source, () => t.Int64Data.ToArray());
            case (int)OnnxDataType.Int32:
                return IntsFromRawOr32(t, count, 4, source, s => BinaryPrimitives.ReadInt32LittleEndian(s));
            case (int)OnnxDataType.Int16:
                return IntsFromRawOr32(t, count, 2, source, s => BinaryPrimitives.ReadInt16LittleEndian(s));
            case (int)OnnxDataType.UInt16:
                return IntsFromRawOr32(t, count, 2, source, s => BinaryPrimitives.ReadUInt16LittleEndian(s));
            case (int)OnnxDataType.Int8:
                return IntsFromRawOr32(t, count, 1, source, s => (sbyte)s[0]);
            case (int)OnnxDataType.UInt8:
            case (int)OnnxDataType.Bool:
                return IntsFromRawOr32(t, count, 1, source, s => s[0]);
            case (int)OnnxDataType.UInt32:
                return t.HasRawData
                    ? FromRaw(t, count, 4, source, s => (long)BinaryPrimitives.ReadUInt32LittleEndian(s))
                    : Checked(t, t.Uint64Data.Count, count, source, () => t.Uint64Data.Select(v => (long)v).ToArray());
            case (int)OnnxDataType.UInt64:
                return t.HasRawData
                    ? FromRaw(t, count, 8, source, s => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(s)))
                    : Checked(t, t.Uint64Data.Count, count, source, () => t.Uint64Data.Select(v => unchecked((long)v)).ToArray());
            default:
                throw Error(source, t, $"has element type {(OnnxDataType)t.DataType}, which is not an integer type");
        }
    }

    public static OnnxFormatException Error(string source, TensorProto tensor, string problem) =>
        new(source, $"tensor '{tensor.Name}' {problem}");

    private static long[] IntsFromRawOr32(TensorProto t, long count, int width, string source, ReadElement<long> read) =>
        t.HasRawData
            ? FromRaw(t, count, width, source, read)
            : Checked(t, t.Int32Data.Count, count, source, () => t.Int32Data.Select(v => (long)v).ToArray());

    private static void CheckInline(TensorProto t, string source)
    {
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw Error(source, t, "keeps its data in an external file that was not loaded");
        }
    }

    private static T[] Checked<T>(TensorProto t, int actual, long expected, string source, Func<T[]> read)
    {
        if (actual != expected)
        {
            throw Error(source, t, $"holds {actual} elements but its shape [{string.Join(",", t.Dims)}] needs {expected}");
        }

        return read();
    }

    private delegate T ReadElement<out T>(ReadOnlySpan<byte> bytes);

    private static T[] FromRaw<T>(TensorProto t, long count, int width, string source, ReadElement<T> read)
    {
        var raw = t.RawData.Span;
        if (count > int.MaxValue / width || raw.Length != count * width)
        {
            throw Error(source, t, $"has {raw.Length} bytes of raw data but its shape [{string.Join(",", t.Dims)}] needs {count} elements of {width} bytes");
        }

        var result = new T[count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = read(raw.Slice(i * width, width));
        }

        return result;
    }

    private static float BFloat16ToFloat(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);
}
