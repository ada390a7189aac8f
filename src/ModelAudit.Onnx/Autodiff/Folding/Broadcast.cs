namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>Numpy-style broadcasting for the build-time evaluator: the result shape and, per operand, which of its
/// elements feeds each result element.</summary>
internal static class Broadcast
{
    public static long[] Shape(IEnumerable<long[]> shapes)
    {
        var all = shapes.ToList();
        var rank = all.Max(s => s.Length);
        var result = new long[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            long dim = 1;
            foreach (var shape in all)
            {
                var d = axis - (rank - shape.Length) is var k && k >= 0 ? shape[k] : 1;
                if (d != 1 && dim != 1 && d != dim)
                {
                    throw new FoldingException($"shapes [{string.Join(",", all.Select(s => string.Join("x", s)))}] do not broadcast");
                }

                dim = d == 1 ? dim : d;
            }

            result[axis] = dim;
        }

        return result;
    }

    /// <summary>For each element of <paramref name="target"/> (row-major), the index of the operand element it reads.</summary>
    public static int[] Sources(long[] target, long[] operand)
    {
        var count = (int)target.Aggregate(1L, (a, b) => a * b);
        var result = new int[count];
        var offset = target.Length - operand.Length;
        var strides = new long[target.Length];
        long stride = 1;
        for (var axis = target.Length - 1; axis >= 0; axis--)
        {
            var dim = axis >= offset ? operand[axis - offset] : 1;
            strides[axis] = dim == 1 ? 0 : stride;
            stride *= dim;
        }

        var index = new long[target.Length];
        for (var i = 0; i < count; i++)
        {
            long source = 0;
            for (var axis = 0; axis < target.Length; axis++)
            {
                source += index[axis] * strides[axis];
            }

            result[i] = (int)source;
            for (var axis = target.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < target[axis])
                {
                    break;
                }

                index[axis] = 0;
            }
        }

        return result;
    }
}
