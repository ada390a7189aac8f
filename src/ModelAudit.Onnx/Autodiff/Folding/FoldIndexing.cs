namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>Operators of the build-time evaluator that select, reorder or reduce elements.</summary>
internal static class FoldIndexing
{
    public static FoldedTensor Gather(FoldNode n)
    {
        var data = n.In(0);
        var indices = n.In(1);
        var axis = FoldNode.Axis(n.Node.Int("axis", 0), data.Shape.Length);
        var dim = data.Shape[axis];
        long[] shape = [.. data.Shape[..axis], .. indices.Shape, .. data.Shape[(axis + 1)..]];
        var outer = Product(data.Shape[..axis]);
        var inner = Product(data.Shape[(axis + 1)..]);
        var sources = new List<int>();
        for (var o = 0; o < outer; o++)
        {
            for (var k = 0; k < indices.Count; k++)
            {
                var index = indices.Long(k);
                index = index < 0 ? index + dim : index;
                if (index < 0 || index >= dim)
                {
                    throw new FoldingException($"index {indices.Long(k)} is out of range for axis of size {dim}");
                }

                for (var i = 0; i < inner; i++)
                {
                    sources.Add((int)((((o * dim) + index) * inner) + i));
                }
            }
        }

        return data.Gather(shape, sources);
    }

    public static FoldedTensor Slice(FoldNode n)
    {
        var x = n.In(0);
        var rank = x.Shape.Length;
        long[] starts, ends, axes, steps;
        if (n.Opset < 10)
        {
            starts = n.Node.Ints("starts") ?? throw new FoldingException("starts are missing");
            ends = n.Node.Ints("ends") ?? throw new FoldingException("ends are missing");
            axes = n.Node.Ints("axes") ?? [.. Enumerable.Range(0, starts.Length).Select(a => (long)a)];
            steps = [.. Enumerable.Repeat(1L, starts.Length)];
        }
        else
        {
            starts = n.In(1).ToLongs();
            ends = n.In(2).ToLongs();
            axes = n.Has(3) ? n.In(3).ToLongs() : [.. Enumerable.Range(0, starts.Length).Select(a => (long)a)];
            steps = n.Has(4) ? n.In(4).ToLongs() : [.. Enumerable.Repeat(1L, starts.Length)];
        }

        var positions = x.Shape.Select(d => Enumerable.Range(0, (int)d).Select(i => (long)i).ToArray()).ToArray();
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = FoldNode.Axis(axes[i], rank);
            positions[axis] = SlicePositions(x.Shape[axis], starts[i], ends[i], steps[i]);
        }

        return Select(x, positions);
    }

    public static FoldedTensor Transpose(FoldNode n)
    {
        var x = n.In(0);
        var rank = x.Shape.Length;
        var perm = n.Node.Ints("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(a => (long)a)];
        long[] shape = [.. perm.Select(p => x.Shape[p])];
        var strides = Strides(x.Shape);
        var sources = Enumerate(shape).Select(index => (int)index.Select((v, a) => v * strides[perm[a]]).Sum()).ToList();
        return x.Gather(shape, sources);
    }

    public static FoldedTensor Tile(FoldNode n)
    {
        var x = n.In(0);
        var repeats = n.In(1).ToLongs();
        long[] shape = [.. x.Shape.Select((d, a) => d * repeats[a])];
        ShapeFolder.CheckSize(shape);
        var strides = Strides(x.Shape);
        var sources = Enumerate(shape).Select(index => (int)index.Select((v, a) => v % x.Shape[a] * strides[a]).Sum()).ToList();
        return x.Gather(shape, sources);
    }

    public static FoldedTensor[] Split(FoldNode n)
    {
        var x = n.In(0);
        var axis = FoldNode.Axis(n.Node.Int("axis", 0), x.Shape.Length);
        var outputs = n.Node.Output.Count;
        var sizes = n.IntsFrom("split", 1, 13);
        if (sizes is null)
        {
            var dim = x.Shape[axis];
            var chunk = (dim + outputs - 1) / outputs;
            sizes = [.. Enumerable.Range(0, outputs).Select(i => Math.Clamp(dim - (i * chunk), 0, chunk))];
        }

        var result = new FoldedTensor[outputs];
        long offset = 0;
        for (var k = 0; k < outputs; k++)
        {
            var positions = x.Shape.Select(d => Enumerable.Range(0, (int)d).Select(i => (long)i).ToArray()).ToArray();
            positions[axis] = [.. Enumerable.Range((int)offset, (int)sizes[k]).Select(i => (long)i)];
            result[k] = Select(x, positions);
            offset += sizes[k];
        }

        return result;
    }

    /// <summary>ReduceSum/Prod/Min/Max/Mean: axes as an attribute, or an input from opset 13 (Sum) or 18 (the rest).</summary>
    public static FoldedTensor Reduce(FoldNode n, Func<IEnumerable<double>, double> reals, Func<IEnumerable<long>, long> ints)
    {
        var x = n.In(0);
        var rank = x.Shape.Length;
        var inputSince = n.Node.OpType == "ReduceSum" ? 13 : 18;
        var axes = n.IntsFrom("axes", 1, inputSince);
        var reduced = axes is null || axes.Length == 0
            ? (n.Node.Int("noop_with_empty_axes", 0) == 1 && axes is not null ? [] : Enumerable.Range(0, rank).ToHashSet())
            : axes.Select(a => FoldNode.Axis(a, rank)).ToHashSet();
        var keep = n.Node.Int("keepdims", 1) == 1;
        long[] kept = [.. x.Shape.Select((d, a) => reduced.Contains(a) ? 1 : d)];
        var strides = Strides(x.Shape);
        var groups = Enumerate(kept)
            .Select(index => Enumerate([.. x.Shape.Select((d, a) => reduced.Contains(a) ? d : 1)])
                .Select(offset => (int)index.Select((v, a) => (v + offset[a]) * strides[a]).Sum())
                .ToList())
            .ToList();
        long[] shape = keep ? kept : [.. x.Shape.Where((_, a) => !reduced.Contains(a))];
        return x.IsInteger
            ? FoldedTensor.Integers(x.Type, shape, [.. groups.Select(g => ints(g.Select(x.Long)))])
            : FoldedTensor.Floats(x.Type, shape, [.. groups.Select(g => FoldArithmetic.Round(reals(g.Select(x.Double)), x.Type))]);
    }

    /// <summary>The elements of <paramref name="x"/> at every combination of the given positions per axis.</summary>
    private static FoldedTensor Select(FoldedTensor x, long[][] positions)
    {
        long[] shape = [.. positions.Select(p => (long)p.Length)];
        var strides = Strides(x.Shape);
        var sources = Enumerate(shape).Select(index => (int)index.Select((v, a) => positions[a][v] * strides[a]).Sum()).ToList();
        return x.Gather(shape, sources);
    }

    private static long[] SlicePositions(long dim, long start, long end, long step)
    {
        if (step == 0)
        {
            throw new FoldingException("slice step 0");
        }

        start = start < 0 ? start + dim : start;
        end = end < 0 ? end + dim : end;
        var result = new List<long>();
        if (step > 0)
        {
            for (var i = Math.Clamp(start, 0, dim); i < Math.Clamp(end, 0, dim); i += step)
            {
                result.Add(i);
            }
        }
        else
        {
            for (var i = Math.Clamp(start, 0, dim - 1); i > Math.Clamp(end, -1, dim - 1); i += step)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }

    private static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (var a = shape.Length - 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= shape[a];
        }

        return strides;
    }

    /// <summary>Every index of a tensor of <paramref name="shape"/>, in row-major order.</summary>
    private static IEnumerable<long[]> Enumerate(long[] shape)
    {
        var count = Product(shape);
        var index = new long[shape.Length];
        for (long i = 0; i < count; i++)
        {
            yield return (long[])index.Clone();
            for (var a = shape.Length - 1; a >= 0; a--)
            {
                if (++index[a] < shape[a])
                {
                    break;
                }

                index[a] = 0;
            }
        }
    }

    private static long Product(IEnumerable<long> values) => values.Aggregate(1L, (a, b) => a * b);
}
