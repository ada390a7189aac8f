namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>ReduceSum, ReduceMean, ReduceMax, ReduceMin. Axes are an attribute before the opset that moved them to an
/// input (13 for ReduceSum, 18 for the others); no axes means all axes unless noop_with_empty_axes.</summary>
internal static class ReduceRules
{
    public static string?[] Sum(GradientContext c) => Spread(c, mean: false);

    public static string?[] Mean(GradientContext c) => Spread(c, mean: true);

    public static string?[] Extremum(GradientContext c)
    {
        var (kept, identity) = KeptShape(c);
        if (identity)
        {
            return c.First(c.Dy);
        }

        return PoolRules.AtExtremum(c, c.E.Reshape(c.Dy, kept), c.E.Reshape(c.Out(0), kept));
    }

    private static string?[] Spread(GradientContext c, bool mean)
    {
        var e = c.E;
        var x = c.InShape(0);
        var (kept, identity) = KeptShape(c);
        if (identity)
        {
            return c.First(c.Dy);
        }

        var grad = e.Reshape(c.Dy, kept);
        if (mean)
        {
            grad = e.Scale(grad, (float)RuleHelpers.Product(kept) / RuleHelpers.Product(x));
        }

        return c.First(e.Op("Expand", [grad, e.Ints(x)]));
    }

    /// <summary>The output shape with reduced axes kept as 1, and whether the node reduced nothing at all.</summary>
    internal static (long[] Kept, bool Identity) KeptShape(GradientContext c)
    {
        var x = c.InShape(0);
        var axesAsInput = c.Node.OpType == "ReduceSum" ? c.Opset >= 13 : c.Opset >= 18;
        long[]? axes = axesAsInput
            ? (c.Node.InputAt(1) is null ? null : c.ConstInts(1))
            : c.Node.Ints("axes");
        if (axes is null || axes.Length == 0)
        {
            if (axesAsInput && c.Node.Int("noop_with_empty_axes", 0) != 0)
            {
                return (x, true);
            }

            axes = [.. Enumerable.Range(0, x.Length).Select(a => (long)a)];
        }

        var kept = (long[])x.Clone();
        foreach (var axis in axes)
        {
            kept[c.Axis(axis, x.Length)] = 1;
        }

        return (kept, false);
    }
}
