using System.Runtime.InteropServices;
using Google.Protobuf;
using ModelAudit.Onnx.Internal;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>
/// A small tensor known at build time. Integer and bool values are kept as exact 64-bit integers (Slice bounds like
/// INT64_MAX must survive), floating-point values as doubles.
/// </summary>
internal sealed class FoldedTensor
{
    private FoldedTensor(int type, long[] shape, long[]? ints, double[]? reals)
    {
        Type = type;
        Shape = shape;
        Ints = ints;
        Reals = reals;
    }

    /// <summary>The ONNX element type (TensorProto.DataType).</summary>
    public int Type { get; }

    public long[] Shape { get; }

    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    public bool IsInteger => Ints is not null;

    private long[]? Ints { get; }

    private double[]? Reals { get; }

    public static FoldedTensor Integers(int type, long[] shape, long[] values) => new(type, shape, values, null);

    public static FoldedTensor Floats(int type, long[] shape, double[] values) => new(type, shape, null, values);

    public static FoldedTensor FromProto(TensorProto tensor, string source)
    {
        var shape = tensor.Dims.ToArray();
        var count = TensorData.CountElements(tensor, source);
        return ElementKinds.IsInteger(tensor.DataType)
            ? Integers(tensor.DataType, shape, TensorData.ToInt64s(tensor, count, source))
            : Floats(tensor.DataType, shape, [.. TensorData.ToFloats(tensor, count, source).Select(f => (double)f)]);
    }

    public long Long(int index) => Ints is not null ? Ints[index] : (long)Reals![index];

    public double Double(int index) => Ints is not null ? Ints[index] : Reals![index];

    public long[] ToLongs() => Ints is not null ? (long[])Ints.Clone() : [.. Reals!.Select(r => (long)r)];

    public FoldedTensor WithShape(long[] shape) => new(Type, shape, Ints, Reals);

    /// <summary>Element <paramref name="source"/> of this tensor at position <paramref name="target"/> of a new one.</summary>
    public FoldedTensor Gather(long[] shape, IReadOnlyList<int> sources) => Ints is not null
        ? Integers(Type, shape, [.. sources.Select(i => Ints[i])])
        : Floats(Type, shape, [.. sources.Select(i => Reals![i])]);

    public TensorProto ToProto(string name)
    {
        var tensor = new TensorProto { Name = name, DataType = Type };
        tensor.Dims.Add(Shape);
        tensor.RawData = (TensorProto.Types.DataType)Type switch
        {
            TensorProto.Types.DataType.Int64 => Bytes(Ints!),
            TensorProto.Types.DataType.Int32 => Bytes(Ints!.Select(v => (int)v).ToArray()),
            TensorProto.Types.DataType.Int16 => Bytes(Ints!.Select(v => (short)v).ToArray()),
            TensorProto.Types.DataType.Uint16 => Bytes(Ints!.Select(v => (ushort)v).ToArray()),
            TensorProto.Types.DataType.Int8 => Bytes(Ints!.Select(v => (sbyte)v).ToArray()),
            TensorProto.Types.DataType.Uint8 or TensorProto.Types.DataType.Bool => Bytes(Ints!.Select(v => (byte)v).ToArray()),
            TensorProto.Types.DataType.Uint32 => Bytes(Ints!.Select(v => (uint)v).ToArray()),
            TensorProto.Types.DataType.Uint64 => Bytes(Ints!.Select(v => (ulong)v).ToArray()),
            TensorProto.Types.DataType.Double => Bytes(Reals!),
            TensorProto.Types.DataType.Float16 => Bytes(Reals!.Select(v => (Half)v).ToArray()),
            _ => Bytes(Reals!.Select(v => (float)v).ToArray()),
        };
        return tensor;
    }

    private static ByteString Bytes<T>(T[] values)
        where T : struct => ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
}
