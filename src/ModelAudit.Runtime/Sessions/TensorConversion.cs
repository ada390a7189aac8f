using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Sessions;

/// <summary>Float data to and from the other element types a model may declare on its inputs and outputs.</summary>
internal static class TensorConversion
{
    /// <summary>The array handed to ONNX Runtime for an input of <paramref name="type"/>: the caller's own for float.</summary>
    public static Array ToInputArray(float[] data, TensorElementType type, string inputName, string displayName) => type switch
    {
        TensorElementType.Float => data,
        TensorElementType.Double => Array.ConvertAll(data, v => (double)v),
        TensorElementType.Int64 => Array.ConvertAll(data, v => (long)MathF.Round(v)),
        TensorElementType.Int32 => Array.ConvertAll(data, v => (int)MathF.Round(v)),
        TensorElementType.UInt8 => Array.ConvertAll(data, v => (byte)Math.Clamp(MathF.Round(v), 0f, 255f)),
        TensorElementType.Int8 => Array.ConvertAll(data, v => (sbyte)Math.Clamp(MathF.Round(v), -128f, 127f)),
        TensorElementType.Float16 => Array.ConvertAll(data, v => (Half)v),
        TensorElementType.Bool => Array.ConvertAll(data, v => v != 0f),
        _ => throw new OrtException(
            OrtErrorCode.NotImplemented,
            $"Input '{inputName}' of {displayName} has element type {type}; only float, float16, double, int64, int32, int8, uint8 and bool inputs are supported."),
    };

    public static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Double or TensorElementType.Int64 => 8,
        TensorElementType.Float or TensorElementType.Int32 => 4,
        TensorElementType.Float16 or TensorElementType.Int16 or TensorElementType.UInt16 => 2,
        _ => 1,
    };

    /// <summary>Copies native output data (<paramref name="count"/> elements of <paramref name="type"/>) into a new float array.</summary>
    public static float[] ToFloat(ReadOnlySpan<byte> data, long count, TensorElementType type, string outputName, string displayName)
    {
        var result = new float[count];
        if (count == 0)
        {
            return result;
        }

        switch (type)
        {
            case TensorElementType.Float:
                Elements<float>(data, count).CopyTo(result);
                break;
            case TensorElementType.Double:
                Convert(Elements<double>(data, count), result, v => (float)v);
                break;
            case TensorElementType.Int64:
                Convert(Elements<long>(data, count), result, v => v);
                break;
            case TensorElementType.Int32:
                Convert(Elements<int>(data, count), result, v => v);
                break;
            case TensorElementType.Int16:
                Convert(Elements<short>(data, count), result, v => v);
                break;
            case TensorElementType.UInt16:
                Convert(Elements<ushort>(data, count), result, v => v);
                break;
            case TensorElementType.Float16:
                Convert(Elements<Half>(data, count), result, v => (float)v);
                break;
            case TensorElementType.UInt8:
            case TensorElementType.Bool:
                Convert(Elements<byte>(data, count), result, v => v);
                break;
            case TensorElementType.Int8:
                Convert(Elements<sbyte>(data, count), result, v => v);
                break;
            default:
                throw new OrtException(
                    OrtErrorCode.NotImplemented,
                    $"Output '{outputName}' of {displayName} has element type {type}, which cannot be read as float.");
        }

        return result;
    }

    private static ReadOnlySpan<T> Elements<T>(ReadOnlySpan<byte> data, long count)
        where T : struct => MemoryMarshal.Cast<byte, T>(data)[..checked((int)count)];

    private static void Convert<T>(ReadOnlySpan<T> source, Span<float> target, Func<T, float> convert)
    {
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = convert(source[i]);
        }
    }
}
