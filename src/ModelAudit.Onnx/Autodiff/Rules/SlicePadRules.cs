namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Slice (any steps, bounds as attributes before opset 10 and as constant inputs after) and Pad
/// (other modes in <see cref="PadModeRule"/>; pads as attributes before opset 11 and as a constant input after; negative pads crop).</summary>
internal static class SlicePadRules
{
    public static string?[] Slice(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0);
        var y = c.OutShape(0);
        long[] starts, ends, axes, steps;
        if (c.Opset < 10)
        {
            starts = c.Node.Ints("starts") ?? throw c.Unsupported("starts is missing");
            ends = c.Node.Ints("ends") ?? throw c.Unsupported("ends is missing");
            axes = c.Node.Ints("axes") ?? [.. Enumerable.Range(0, starts.Length).Select(a => (long)a)];
            steps = [.. Enumerable.Repeat(1L, starts.Length)];
        }
        else
        {
            starts = c.ConstInts(1);
            ends = c.ConstInts(2);
            axes = c.Node.InputAt(3) is null ? [.. Enumerable.Range(0, starts.Length).Select(a => (long)a)] : c.ConstInts(3);
            steps = c.Node.InputAt(4) is null ? [.. Enumerable.Repeat(1L, starts.Length)] : c.ConstInts(4);
        }

        // Restore one sliced axis at a time: scatter the gradient's rows to the positions they were taken from.
        var grad = c.Dy;
        var current = (long[])y.Clone();
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = c.Axis(axes[i], x.Length);
            var positions = Positions(x[axis], starts[i], ends[i], steps[i]);
            if (positions.Length != current[axis])
            {
                throw c.Unsupported($"slice of axis {axis} selects {positions.Length} elements but the output has {current[axis]}");
            }

            if (positions.Length == x[axis] && steps[i] == 1)
            {
                continue;
            }

            long[] indexShape = [.. Enumerable.Repeat(1L, axis), positions.Length, .. Enumerable.Repeat(1L, x.Length - axis - 1)];
            var restored = (long[])current.Clone();
            restored[axis] = x[axis];
            var indices = e.Op("Expand", [e.Reshape(e.Ints(positions), indexShape), e.Ints(current)]);
            grad = e.Op("ScatterElements", [e.Zeros(restored), indices, grad], Attr.Int("axis", axis));
            current = restored;
        }

        return c.First(grad);
    }

    public static string?[] Pad(GradientContext c)
    {
        var e = c.E;
        var mode = c.Node.Str("mode", "constant");
        var x = c.InShape(0);
        var y = c.OutShape(0);
        var rank = x.Length;
        var pads = c.Opset < 11
            ? c.Node.Ints("pads") ?? c.Node.Ints("paddings") ?? throw c.Unsupported("pads is missing")
            : c.ConstInts(1);
        var axes = c.Opset >= 18 && c.Node.InputAt(3) is not null
            ? [.. c.ConstInts(3).Select(a => (long)c.Axis(a, rank))]
            : Enumerable.Range(0, rank).Select(a => (long)a).ToArray();
        var begin = new long[rank];
        var end = new long[rank];
        for (var i = 0; i < axes.Length; i++)
        {
            begin[axes[i]] = pads[i];
            end[axes[i]] = pads[i + axes.Length];
        }

        if (mode != "constant")
        {
            return c.First(PadModeRule.Backward(c, mode, begin, end));
        }

        var all = Enumerable.Range(0, rank).Select(a => (long)a).ToArray();
        var starts = begin.Select(p => Math.Max(p, 0)).ToArray();
        var stops = y.Select((dim, a) => dim - Math.Max(end[a], 0)).ToArray();
        var grad = e.Op("Slice", [c.Dy, e.Ints(starts), e.Ints(stops), e.Ints(all)]);
        if (begin.Any(p => p < 0) || end.Any(p => p < 0))
        {
            // Negative pads cropped the input; those elements got no gradient.
            long[] restore = [.. begin.Select(p => Math.Max(-p, 0)), .. end.Select(p => Math.Max(-p, 0))];
            grad = e.Op("Pad", [grad, e.Ints(restore)]);
        }

        return c.First(grad);
    }

    private static long[] Positions(long dim, long start, long end, long step)
    {
        if (step == 0)
        {
            return [];
        }

        start = start < 0 ? start + dim : start;
        end = end < 0 ? end + dim : end;
        var result = new List<long>();
        if (step > 0)
        {
            start = Math.Clamp(start, 0, dim);
            end = Math.Clamp(end, 0, dim);
            for (var i = start; i < end; i += step)
            {
                result.Add(i);
            }
        }
        else
        {
            start = Math.Clamp(start, 0, dim - 1);
            end = Math.Clamp(end, -1, dim - 1);
            for (var i = start; i > end; i += step)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }
}
