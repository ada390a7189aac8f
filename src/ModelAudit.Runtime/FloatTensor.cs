namespace ModelAudit.Runtime;

/// <summary>A dense float tensor in C (row-major) order; inputs are passed to ONNX Runtime without copying.</summary>
public sealed class FloatTensor
{
    public FloatTensor(float[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Tensor shape {TensorInfo.FormatShape(shape)} has a negative dimension.", nameof(shape));
            }

            count = checked(count * dim);
        }

        if (count != data.LongLength)
        {
            throw new ArgumentException(
                $"Tensor shape {TensorInfo.FormatShape(shape)} holds {count} elements but the data has {data.LongLength}.", nameof(data));
        }

        Data = data;
        Shape = (long[])shape.Clone();
        ElementCount = count;
    }

    public float[] Data { get; }

    public long[] Shape { get; }

    public long ElementCount { get; }
}
