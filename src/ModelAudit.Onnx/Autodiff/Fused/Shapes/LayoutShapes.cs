using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused.Shapes;

/// <summary>Output shapes of the operators that move, cut or reduce axes; axes and sizes must be known at build time.</summary>
internal static class LayoutShapes
{
    public static long[][]? Infer(NodeProto node, ShapeState s) => node.OpType switch
    {
        "Reshape" => [Reshape(s.Shape(node, 0), s.Ints(node, 1) ?? throw new ArgumentException("a computed Reshape target"), node.Int("allowzero", 0) != 0)],
        "Flatten" => [Flatten(s.Shape(node, 0), node.Int("axis", 1))],
        "Transpose" => [Transpose(s.Shape(node, 0), node.Ints("perm"))],
        "Squeeze" => [Squeeze(s.Shape(node, 0), Axes(node, s, 1))],
        "Unsqueeze" => Tracked(node, s, Unsqueeze(s.Shape(node, 0), Axes(node, s, 1) ?? throw new ArgumentException("Unsqueeze without axes"))),
        "Concat" => Concat(node, s),
        "Slice" => Slice(node, s),
        "Split" => Split(node, s),
        "Pad" => [Pad(node, s)],
        "Gather" => Gather(node, s),
        "Resize" or "Upsample" => [Resize(node, s)],
        "ArgMax" or "ArgMin" => [Reduce(s.Shape(node, 0), [node.Int("axis", 0)], node.Int("keepdims", 1) != 0, false)],
        "Expand" => [NodeShapes.Broadcast(s.Shape(node, 0), s.Ints(node, 1) ?? throw new ArgumentException("a computed Expand shape"))],
        "Tile" => [.. new[] { s.Shape(node, 0).Zip(s.Ints(node, 1) ?? throw new ArgumentException("computed repeats"), (d, r) => d * r).ToArray() }],
        "ConstantOfShape" => [s.Ints(node, 0) ?? throw new ArgumentException("a computed ConstantOfShape shape")],
        _ when node.OpType.StartsWith("Reduce", StringComparison.Ordinal) => [ReduceNode(node, s)],
        _ => null,
    };

    private static long[][] Tracked(NodeProto node, ShapeState s, long[] shape)
    {
        // Unsqueeze of a known scalar (a dimension read by Shape + Gather) keeps the value for a Concat -> Reshape.
        if (s.Ints(node, 0) is { } values)
        {
            s.IntValues[node.Output[0]] = values;
        }

        return [shape];
    }

    private static long[] Reshape(long[] x, long[] target, bool allowZero)
    {
        var result = target.Select((d, i) => d == 0 && !allowZero ? x[i] : d).ToArray();
        var unknown = Array.IndexOf(result, -1L);
        if (unknown >= 0)
        {
            var known = result.Where((_, i) => i != unknown).Aggregate(1L, (a, b) => a * b);
            result[unknown] = known == 0 ? 0 : Count(x) / known;
        }

        return Count(result) == Count(x) ? result : throw new ArgumentException("Reshape changes the element count");
    }

    private static long[] Flatten(long[] x, long axis)
    {
        var a = (int)(axis < 0 ? axis + x.Length : axis);
        return [Count(x[..a]), Count(x[a..])];
    }

    private static long[] Transpose(long[] x, long[]? perm) =>
        perm is null ? [.. x.Reverse()] : [.. perm.Select(p => x[p])];

    private static long[]? Axes(NodeProto node, ShapeState s, int input) =>
        node.Ints("axes") ?? (s.Has(node, input) ? s.Ints(node, input) ?? throw new ArgumentException("computed axes") : null);

    private static long[] Squeeze(long[] x, long[]? axes)
    {
        var drop = axes?.Select(a => a < 0 ? a + x.Length : a).ToHashSet() ?? [.. Enumerable.Range(0, x.Length).Where(i => x[i] == 1).Select(i => (long)i)];
        return [.. x.Where((_, i) => !drop.Contains(i))];
    }

    private static long[] Unsqueeze(long[] x, long[] axes)
    {
        var rank = x.Length + axes.Length;
        var added = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var result = new long[rank];
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            result[i] = added.Contains(i) ? 1 : x[next++];
        }

        return result;
    }

    private static long[][] Concat(NodeProto node, ShapeState s)
    {
        var shapes = Enumerable.Range(0, node.Input.Count).Select(i => s.Shape(node, i)).ToList();
        var axis = node.Int("axis", 0);
        var a = (int)(axis < 0 ? axis + shapes[0].Length : axis);
        var result = shapes[0].ToArray();
        result[a] = shapes.Sum(shape => shape[a]);
        var values = Enumerable.Range(0, node.Input.Count).Select(i => s.Ints(node, i)).ToList();
        if (values.All(v => v is not null) && shapes[0].Length == 1)
        {
            s.IntValues[node.Output[0]] = [.. values.SelectMany(v => v!)];
        }

        return [result];
    }

    private static long[][] Slice(NodeProto node, ShapeState s)
    {
        var x = s.Shape(node, 0);
        long[] starts, ends;
        long[]? axes, steps = null;
        if (s.Opset < 10)
        {
            starts = node.Ints("starts") ?? throw new ArgumentException("Slice without starts");
            ends = node.Ints("ends") ?? throw new ArgumentException("Slice without ends");
            axes = node.Ints("axes");
        }
        else
        {
            starts = s.Ints(node, 1) ?? throw new ArgumentException("computed starts");
            ends = s.Ints(node, 2) ?? throw new ArgumentException("computed ends");
            axes = s.Has(node, 3) ? s.Ints(node, 3) ?? throw new ArgumentException("computed axes") : null;
            steps = s.Has(node, 4) ? s.Ints(node, 4) ?? throw new ArgumentException("computed steps") : null;
        }

        var result = x.ToArray();
        var ranges = new (long Start, long End, long Step)[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            ranges[i] = (0, x[i], 1);
        }

        for (var i = 0; i < starts.Length; i++)
        {
            var axis = (int)(axes is null ? i : axes[i] < 0 ? axes[i] + x.Length : axes[i]);
            var step = steps?[i] ?? 1;
            var dim = x[axis];
            var (start, end) = Clamp(starts[i], ends[i], step, dim);
            result[axis] = step > 0 ? Math.Max(0, (end - start + step - 1) / step) : Math.Max(0, (start - end - step - 1) / -step);
            ranges[axis] = (start, end, step);
        }

        if (s.Ints(node, 0) is { } values && x.Length == 1 && ranges[0].Step > 0)
        {
            s.IntValues[node.Output[0]] = [.. values.Skip((int)ranges[0].Start).Take((int)result[0]).Where((_, k) => k % ranges[0].Step == 0)];
        }

        return [result];
    }

    private static (long Start, long End) Clamp(long start, long end, long step, long dim)
    {
        start = start < 0 ? start + dim : start;
        end = end < 0 ? end + dim : end;
        return step > 0
            ? (Math.Clamp(start, 0, dim), Math.Clamp(end, 0, dim))
            : (Math.Clamp(start, 0, dim - 1), Math.Clamp(end, -1, dim - 1));
    }

    private static long[][] Split(NodeProto node, ShapeState s)
    {
        var x = s.Shape(node, 0);
        var axis = node.Int("axis", 0);
        var a = (int)(axis < 0 ? axis + x.Length : axis);
        var parts = (s.Opset < 13 ? node.Ints("split") : s.Has(node, 1) ? s.Ints(node, 1) ?? throw new ArgumentException("computed split") : null)
            ?? Even(x[a], node.Output.Count);
        return [.. parts.Select(p =>
        {
            var shape = x.ToArray();
            shape[a] = p;
            return shape;
        })];
    }

    private static long[] Even(long length, int count)
    {
        var size = (length + count - 1) / count;
        return [.. Enumerable.Range(0, count).Select(i => Math.Max(0, Math.Min(size, length - (i * size))))];
    }

    private static long[] Pad(NodeProto node, ShapeState s)
    {
        var x = s.Shape(node, 0);
        var pads = (s.Opset < 11 ? node.Ints("pads") : s.Ints(node, 1)) ?? throw new ArgumentException("computed pads");
        var axes = s.Opset >= 18 && s.Has(node, 3) ? s.Ints(node, 3) ?? throw new ArgumentException("computed axes") : null;
        var result = x.ToArray();
        var n = pads.Length / 2;
        for (var i = 0; i < n; i++)
        {
            var axis = (int)(axes is null ? i : axes[i] < 0 ? axes[i] + x.Length : axes[i]);
            result[axis] += pads[i] + pads[n + i];
        }

        return result;
    }

    private static long[][] Gather(NodeProto node, ShapeState s)
    {
        var data = s.Shape(node, 0);
        var indices = s.Shape(node, 1);
        var axis = node.Int("axis", 0);
        var a = (int)(axis < 0 ? axis + data.Length : axis);
        if (s.Ints(node, 0) is { } values && s.Ints(node, 1) is { } picked && data.Length == 1)
        {
            s.IntValues[node.Output[0]] = [.. picked.Select(i => values[i < 0 ? i + values.Length : i])];
        }

        return [[.. data[..a], .. indices, .. data[(a + 1)..]]];
    }

    private static long[] Resize(NodeProto node, ShapeState s)
    {
        var x = s.Shape(node, 0);
        if (node.OpType == "Upsample" && s.Opset < 9)
        {
            return Scale(x, node.Floats("scales")?.Select(f => (double)f).ToArray());
        }

        // Resize 10 and Upsample 9 take scales as input 1; Resize 11+ takes roi, scales, sizes.
        var scalesInput = node.OpType == "Upsample" || s.Opset < 11 ? 1 : 2;
        if (node.OpType == "Resize" && s.Opset >= 11 && s.Has(node, 3))
        {
            var sizes = s.Ints(node, 3) ?? throw new ArgumentException("computed sizes");
            if (sizes.Length > 0)
            {
                return sizes.Length == x.Length && node.Ints("axes") is null
                    ? sizes
                    : throw new ArgumentException("Resize sizes with axes or keep_aspect_ratio_policy");
            }
        }

        return Scale(x, s.Has(node, scalesInput) ? s.Doubles(node, scalesInput) : null);
    }

    private static long[] Scale(long[] x, double[]? scales)
    {
        if (scales is null || scales.Length != x.Length)
        {
            throw new ArgumentException("computed or partial scales");
        }

        return [.. x.Select((d, i) => (long)Math.Floor(d * scales[i]))];
    }

    private static long[] ReduceNode(NodeProto node, ShapeState s)
    {
        var x = s.Shape(node, 0);
        var axesAsInput = node.OpType == "ReduceSum" ? s.Opset >= 13 : s.Opset >= 18;
        var axes = axesAsInput
            ? s.Has(node, 1) ? s.Ints(node, 1) ?? throw new ArgumentException("computed axes") : null
            : node.Ints("axes");
        var noopWhenEmpty = axesAsInput && node.Int("noop_with_empty_axes", 0) != 0;
        return Reduce(x, axes is { Length: > 0 } ? axes : null, node.Int("keepdims", 1) != 0, noopWhenEmpty);
    }

    private static long[] Reduce(long[] x, long[]? axes, bool keepDims, bool noopWhenEmpty)
    {
        if (axes is null && noopWhenEmpty)
        {
            return x;
        }

        var reduced = axes?.Select(a => a < 0 ? a + x.Length : a).ToHashSet() ?? [.. Enumerable.Range(0, x.Length).Select(i => (long)i)];
        return keepDims ? [.. x.Select((d, i) => reduced.Contains(i) ? 1 : d)] : [.. x.Where((_, i) => !reduced.Contains(i))];
    }

    private static long Count(IEnumerable<long> shape) => shape.Aggregate(1L, (a, b) => a * b);
}
