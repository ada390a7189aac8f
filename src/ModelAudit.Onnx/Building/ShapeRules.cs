namespace ModelAudit.Onnx.Building;

/// <summary>Output shapes of the operators <see cref="ModelBuilder"/> writes; unknown dimensions stay unknown.</summary>
internal static class ShapeRules
{
    /// <summary>Output length of a sliding window (Conv, MaxPool, AveragePool) over one spatial axis.</summary>
    public static OnnxDim Window(OnnxDim input, long kernel, long stride, long padBegin, long padEnd, long dilation = 1)
    {
        if (input.Value is not { } length)
        {
            return OnnxDim.Unknown;
        }

        var span = (dilation * (kernel - 1)) + 1;
        var padded = length + padBegin + padEnd;
        if (padded < span)
        {
            throw new ArgumentException($"a window of {span} does not fit an axis of length {length} with padding {padBegin}+{padEnd}");
        }

        return OnnxDim.Known(((padded - span) / stride) + 1);
    }

    /// <summary>Numpy-style multidirectional broadcasting (Add, Mul, ...).</summary>
    public static OnnxDim[] Broadcast(IReadOnlyList<OnnxDim> a, IReadOnlyList<OnnxDim> b)
    {
        var rank = Math.Max(a.Count, b.Count);
        var result = new OnnxDim[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Count ? OnnxDim.Known(1) : a[i - (rank - a.Count)];
            var db = i < rank - b.Count ? OnnxDim.Known(1) : b[i - (rank - b.Count)];
            result[i] = BroadcastDim(da, db);
        }

        return result;
    }

    public static OnnxDim[] MatMul(IReadOnlyList<OnnxDim> a, IReadOnlyList<OnnxDim> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            throw new ArgumentException("MatMul needs inputs of rank 1 or more");
        }

        // Rank-1 operands are promoted to matrices and the added axis removed again afterwards.
        var left = a.Count == 1 ? [OnnxDim.Known(1), a[0]] : a.ToArray();
        var right = b.Count == 1 ? [b[0], OnnxDim.Known(1)] : b.ToArray();
        CheckEqual(left[^1], right[^2], "MatMul inner dimensions");
        var batch = Broadcast(left[..^2], right[..^2]);
        var result = batch.Concat([left[^2], right[^1]]).ToList();
        if (b.Count == 1)
        {
            result.RemoveAt(result.Count - 1);
        }

        if (a.Count == 1)
        {
            result.RemoveAt(result.Count - (b.Count == 1 ? 1 : 2));
        }

        return result.ToArray();
    }

    public static OnnxDim[] Concat(IReadOnlyList<IReadOnlyList<OnnxDim>> inputs, int axis)
    {
        var first = inputs[0];
        var normalized = Axis(axis, first.Count);
        var result = first.ToArray();
        long? sum = 0;
        foreach (var shape in inputs)
        {
            if (shape.Count != first.Count)
            {
                throw new ArgumentException("Concat inputs must have the same rank");
            }

            sum = sum is { } s && shape[normalized].Value is { } v ? s + v : null;
        }

        result[normalized] = sum is { } total ? OnnxDim.Known(total) : OnnxDim.Unknown;
        return result;
    }

    public static OnnxDim[] Flatten(IReadOnlyList<OnnxDim> input, int axis)
    {
        var split = axis < 0 ? axis + input.Count : axis;
        if (split < 0 || split > input.Count)
        {
            throw new ArgumentException($"Flatten axis {axis} is out of range for rank {input.Count}");
        }

        return [Product(input.Take(split)), Product(input.Skip(split))];
    }

    /// <summary>Reshape with ONNX's rules: 0 copies the input dimension, one -1 takes what is left.</summary>
    public static OnnxDim[] Reshape(IReadOnlyList<OnnxDim> input, IReadOnlyList<long> target)
    {
        var result = new OnnxDim[target.Count];
        var inferred = -1;
        for (var i = 0; i < target.Count; i++)
        {
            result[i] = target[i] switch
            {
                0 when i < input.Count => input[i],
                -1 => OnnxDim.Unknown,
                > 0 => OnnxDim.Known(target[i]),
                _ => throw new ArgumentException($"Reshape target dimension {target[i]} at {i} is not valid"),
            };
            if (target[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException("Reshape target has more than one -1");
                }

                inferred = i;
            }
        }

        if (inferred >= 0 && Product(input).Value is { } all && Product(result.Where((_, i) => i != inferred)).Value is { } rest && rest > 0)
        {
            result[inferred] = OnnxDim.Known(all / rest);
        }

        return result;
    }

    public static int Axis(int axis, int rank)
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw new ArgumentException($"axis {axis} is out of range for rank {rank}");
        }

        return normalized;
    }

    public static void CheckEqual(OnnxDim a, OnnxDim b, string what)
    {
        if (a.Value is { } x && b.Value is { } y && x != y)
        {
            throw new ArgumentException($"{what} differ: {x} vs {y}");
        }
    }

    private static OnnxDim BroadcastDim(OnnxDim a, OnnxDim b)
    {
        if (a.Value == 1)
        {
            return b;
        }

        if (b.Value == 1 || a == b)
        {
            return a;
        }

        if (a.Value is { } x && b.Value is { } y)
        {
            throw new ArgumentException($"dimensions {x} and {y} do not broadcast");
        }

        return a.Value is not null ? a : b.Value is not null ? b : OnnxDim.Unknown;
    }

    private static OnnxDim Product(IEnumerable<OnnxDim> dims)
    {
        long product = 1;
        foreach (var d in dims)
        {
            if (d.Value is not { } v)
            {
                return OnnxDim.Unknown;
            }

            product *= v;
        }

        return OnnxDim.Known(product);
    }
}
