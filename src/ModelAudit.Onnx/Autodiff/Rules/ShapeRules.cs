namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Operators that only move elements: the gradient is moved back the same way.</summary>
internal static class ShapeRules
{
    public static string?[] PassThrough(GradientContext c) => c.First(c.Dy);

    /// <summary>Reshape, Flatten, Squeeze, Unsqueeze: the element order is unchanged, only the shape.</summary>
    public static string?[] Reshape(GradientContext c) => c.First(c.E.Reshape(c.Dy, c.InShape(0)));

    public static string?[] Transpose(GradientContext c)
    {
        var rank = c.InShape(0).Length;
        var perm = c.Node.Ints("perm") ?? [.. Enumerable.Range(0, rank).Reverse().Select(a => (long)a)];
        var inverse = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            inverse[perm[i]] = i;
        }

        return c.First(c.E.Op("Transpose", [c.Dy], Attr.Ints("perm", inverse)));
    }

    public static string?[] Expand(GradientContext c) => c.First(c.ToInput(c.Dy, 0));

    /// <summary>Tile: view dY as [r0, x0, r1, x1, ...] and sum over the repeat axes.</summary>
    public static string?[] Tile(GradientContext c)
    {
        var x = c.InShape(0);
        var y = c.OutShape(0);
        var split = new List<long>();
        for (var i = 0; i < x.Length; i++)
        {
            split.Add(x[i] == 0 ? 0 : y[i] / x[i]);
            split.Add(x[i]);
        }

        var axes = Enumerable.Range(0, x.Length).Select(i => (long)(2 * i)).ToArray();
        var summed = c.E.Op("ReduceSum", [c.E.Reshape(c.Dy, [.. split]), c.E.Ints(axes)], Attr.Int("keepdims", 0));
        return c.First(summed);
    }

    public static string?[] Concat(GradientContext c)
    {
        var rank = c.OutShape(0).Length;
        var axis = c.Axis(c.Node.Int("axis", 1), rank);
        var result = c.NoGradients();
        long offset = 0;
        for (var i = 0; i < c.InputCount; i++)
        {
            var size = c.InShape(i)[axis];
            if (c.Needs(i))
            {
                result[i] = c.E.Op("Slice", [c.Dy, c.E.Ints(offset), c.E.Ints(offset + size), c.E.Ints(axis)]);
            }

            offset += size;
        }

        return result;
    }

    public static string?[] Split(GradientContext c)
    {
        var rank = c.InShape(0).Length;
        var axis = c.Axis(c.Node.Int("axis", 0), rank);
        var parts = new List<string>();
        for (var j = 0; j < c.Node.Output.Count; j++)
        {
            parts.Add(c.OutputGradient(j) ?? c.E.Zeros(c.OutShape(j)));
        }

        return c.First(parts.Count == 1 ? parts[0] : c.E.Op("Concat", parts, Attr.Int("axis", axis)));
    }

    /// <summary>Gather with indices: scatter-add dY back into zeros along the gathered axis.</summary>
    public static string?[] Gather(GradientContext c)
    {
        var e = c.E;
        var data = c.InShape(0);
        var axis = c.Axis(c.Node.Int("axis", 0), data.Length);
        var count = RuleHelpers.Product(c.InShape(1));
        long[] flatShape = [.. data[..axis], count, .. data[(axis + 1)..]];
        long[] indexShape = [.. Enumerable.Repeat(1L, axis), count, .. Enumerable.Repeat(1L, data.Length - axis - 1)];
        var indices = e.Reshape(e.Op("Cast", [c.In(1)], Attr.Int("to", 7)), indexShape);
        var scattered = e.Op(
            "ScatterElements",
            [e.Zeros(data), e.Op("Expand", [indices, e.Ints(flatShape)]), e.Reshape(c.Dy, flatShape)],
            Attr.Int("axis", axis),
            Attr.Str("reduction", "add"));
        return c.First(scattered);
    }
}
