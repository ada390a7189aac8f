namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Pad in "edge", "reflect" and "wrap" modes: each output position along a padded axis reads one input position
/// (p = o - pad_begin, clamped for edge, mirrored without repeating the border for reflect, modulo the length for
/// wrap), so dX is dY scatter-added back to those positions, one axis at a time (the padding is separable).
/// </summary>
internal static class PadModeRule
{
    public static string Backward(GradientContext c, string mode, long[] begin, long[] end)
    {
        if (mode is not ("edge" or "reflect" or "wrap"))
        {
            throw c.Unsupported($"mode '{mode}'");
        }

        var e = c.E;
        var x = c.InShape(0);
        var current = (long[])c.OutShape(0).Clone();
        var grad = c.Dy;
        for (var axis = 0; axis < x.Length; axis++)
        {
            if (begin[axis] == 0 && end[axis] == 0)
            {
                continue;
            }

            var sources = Enumerable.Range(0, (int)current[axis]).Select(o => Source(o - begin[axis], x[axis], mode)).ToArray();
            long[] indexShape = [.. Enumerable.Repeat(1L, axis), sources.Length, .. Enumerable.Repeat(1L, x.Length - axis - 1)];
            var restored = (long[])current.Clone();
            restored[axis] = x[axis];
            var indices = e.Op("Expand", [e.Reshape(e.Ints(sources), indexShape), e.Ints(current)]);
            grad = e.Op("ScatterElements", [e.Zeros(restored), indices, grad], Attr.Int("axis", axis), Attr.Str("reduction", "add"));
            current = restored;
        }

        return grad;
    }

    private static long Source(long p, long n, string mode)
    {
        if (mode == "edge" || n == 1)
        {
            return Math.Clamp(p, 0, n - 1);
        }

        if (mode == "wrap")
        {
            return ((p % n) + n) % n;
        }

        var period = 2 * (n - 1);
        var q = ((p % period) + period) % period;
        return q < n ? q : period - q;
    }
}
