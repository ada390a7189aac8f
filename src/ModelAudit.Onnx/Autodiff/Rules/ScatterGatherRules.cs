namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Index-addressed reads and writes. A gather's adjoint scatters dY back with reduction "add" (an element read twice
/// gets both gradients); a scatter's adjoint gathers dY at the written positions for the updates and clears them for
/// the data (those elements were overwritten), or passes dY through for the data when the scatter added.
/// Indices are data, never differentiated.
/// </summary>
internal static class ScatterGatherRules
{
    /// <summary>GatherElements(D, I, axis): dD = ScatterElements(zeros(D), I, dY, axis, reduction "add").</summary>
    public static string?[] GatherElements(GradientContext c)
    {
        var e = c.E;
        var axis = c.Axis(c.Node.Int("axis", 0), c.InShape(0).Length);
        return c.First(e.Op(
            "ScatterElements", [e.Zeros(c.InShape(0)), c.In(1), c.Dy], Attr.Int("axis", axis), Attr.Str("reduction", "add")));
    }

    /// <summary>
    /// GatherND(D, I, batch_dims b): dD = ScatterND(zeros(D), I', dY, reduction "add"), I' = I with negative indices
    /// made positive and, for b &gt; 0, each index prefixed by its b batch coordinates (ScatterND has no batch_dims).
    /// </summary>
    public static string?[] GatherND(GradientContext c)
    {
        var e = c.E;
        var data = c.InShape(0);
        var indexShape = c.InShape(1);
        var batch = (int)c.Node.Int("batch_dims", 0);
        var depth = indexShape[^1];
        var indices = NonNegative(e, c.In(1), data[batch..(batch + (int)depth)]);
        if (batch > 0)
        {
            indices = e.Op("Concat", [BatchCoordinates(e, indexShape, batch), indices], Attr.Int("axis", -1));
        }

        return c.First(e.Op("ScatterND", [e.Zeros(data), indices, c.Dy], Attr.Str("reduction", "add")));
    }

    /// <summary>
    /// ScatterND(D, I, U): reduction "none": dD = ScatterND(dY, I, zeros(U)), dU = GatherND(dY, I); reduction "add":
    /// dD = dY, dU = GatherND(dY, I). Other reductions (mul, min, max) are not supported.
    /// </summary>
    public static string?[] ScatterND(GradientContext c)
    {
        var e = c.E;
        var reduction = Reduction(c);
        var depth = c.InShape(1)[^1];
        var indices = NonNegative(e, c.In(1), c.InShape(0)[..(int)depth]);
        var result = c.NoGradients();
        if (c.Needs(0))
        {
            result[0] = reduction == "add" ? c.Dy : e.Op("ScatterND", [c.Dy, indices, e.Zeros(c.InShape(2))]);
        }

        if (c.Needs(2))
        {
            result[2] = e.Op("GatherND", [c.Dy, indices]);
        }

        return result;
    }

    /// <summary>
    /// ScatterElements(D, I, U, axis) and Scatter: reduction "none": dD = ScatterElements(dY, I, zeros(U), axis),
    /// dU = GatherElements(dY, I, axis); reduction "add": dD = dY, dU the same gather.
    /// </summary>
    public static string?[] ScatterElements(GradientContext c)
    {
        var e = c.E;
        var reduction = Reduction(c);
        var axis = Attr.Int("axis", c.Axis(c.Node.Int("axis", 0), c.InShape(0).Length));
        var result = c.NoGradients();
        if (c.Needs(0))
        {
            result[0] = reduction == "add" ? c.Dy : e.Op("ScatterElements", [c.Dy, c.In(1), e.Zeros(c.InShape(2))], axis);
        }

        if (c.Needs(2))
        {
            result[2] = e.Op("GatherElements", [c.Dy, c.In(1)], axis);
        }

        return result;
    }

    private static string Reduction(GradientContext c)
    {
        var reduction = c.Node.Str("reduction", "none");
        return reduction is "none" or "add" ? reduction : throw c.Unsupported($"reduction '{reduction}'");
    }

    /// <summary>Index tuples (last axis) with negative entries counted from the end of their axis.</summary>
    private static string NonNegative(BackwardEmitter e, string indices, long[] dims)
    {
        var wide = e.Op("Cast", [indices], Attr.Int("to", 7));
        var negative = e.Op("Cast", [e.Less(wide, e.Ints(0))], Attr.Int("to", 7));
        return e.Add(wide, e.Mul(negative, e.Ints(dims)));
    }

    /// <summary>For indices shaped [B1..Bb, M.., k]: each position's batch coordinates, shaped [B1..Bb, M.., b].</summary>
    private static string BatchCoordinates(BackwardEmitter e, long[] indexShape, int batch)
    {
        var batchDims = indexShape[..batch];
        var count = RuleHelpers.Product(batchDims);
        var coordinates = new long[count * batch];
        for (long flat = 0; flat < count; flat++)
        {
            var rest = flat;
            for (var d = batch - 1; d >= 0; d--)
            {
                coordinates[(flat * batch) + d] = rest % batchDims[d];
                rest /= batchDims[d];
            }
        }

        long[] grid = [.. batchDims, .. Enumerable.Repeat(1L, indexShape.Length - 1 - batch), batch];
        long[] full = [.. indexShape[..^1], batch];
        return e.Op("Expand", [e.Reshape(e.Ints(coordinates), grid), e.Ints(full)]);
    }
}
