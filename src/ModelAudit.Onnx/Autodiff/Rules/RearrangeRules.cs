namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Operators that move or mask elements by position, each a fixed linear map whose adjoint is another such map:
/// DepthToSpace/SpaceToDepth (a reshape-transpose-reshape, undone in reverse), Trilu (the same mask on dY) and CumSum
/// (the cumulative sum in the other direction).
/// </summary>
internal static class RearrangeRules
{
    /// <summary>
    /// DepthToSpace(b): DCR views X as [N, b, b, C/b^2, H, W] and permutes (0, 3, 4, 1, 5, 2); CRD views it as
    /// [N, C/b^2, b, b, H, W] and permutes (0, 1, 4, 2, 5, 3). dX = dY viewed permuted, permuted back, viewed as X.
    /// </summary>
    public static string?[] DepthToSpace(GradientContext c)
    {
        var x = c.InShape(0);
        var b = c.Node.Int("blocksize", 0);
        var crd = c.Node.Str("mode", "DCR") == "CRD";
        if (x.Length != 4 || b <= 0 || x[1] % (b * b) != 0)
        {
            throw c.Unsupported($"blocksize {b} for input [{string.Join(",", x)}]");
        }

        var channels = x[1] / (b * b);
        return crd
            ? c.First(Unpermute(c, [x[0], channels, b, b, x[2], x[3]], [0, 1, 4, 2, 5, 3]))
            : c.First(Unpermute(c, [x[0], b, b, channels, x[2], x[3]], [0, 3, 4, 1, 5, 2]));
    }

    /// <summary>SpaceToDepth(b): X viewed as [N, C, H/b, b, W/b, b], permuted (0, 3, 5, 1, 2, 4); dX undoes it.</summary>
    public static string?[] SpaceToDepth(GradientContext c)
    {
        var x = c.InShape(0);
        var b = c.Node.Int("blocksize", 0);
        if (x.Length != 4 || b <= 0 || x[2] % b != 0 || x[3] % b != 0)
        {
            throw c.Unsupported($"blocksize {b} for input [{string.Join(",", x)}]");
        }

        return c.First(Unpermute(c, [x[0], x[1], x[2] / b, b, x[3] / b, b], [0, 3, 5, 1, 2, 4]));
    }

    /// <summary>Trilu(k, upper): keeping a triangle is a mask, its own adjoint: dX = Trilu(dY, k, upper).</summary>
    public static string?[] Trilu(GradientContext c)
    {
        List<string> inputs = [c.Dy];
        if (c.Node.InputAt(1) is not null)
        {
            inputs.Add(c.In(1));
        }

        return c.First(c.E.Op("Trilu", inputs, Attr.Int("upper", c.Node.Int("upper", 1))));
    }

    /// <summary>CumSum(axis, exclusive, reverse): Y_i sums X_j for j up to i, so dX_j sums dY_i for i from j on:
    /// dX = CumSum(dY, axis, same exclusive, reverse flipped).</summary>
    public static string?[] CumSum(GradientContext c) =>
        c.First(c.E.Op(
            "CumSum",
            [c.Dy, c.In(1)],
            Attr.Int("exclusive", c.Node.Int("exclusive", 0)),
            Attr.Int("reverse", c.Node.Int("reverse", 0) == 0 ? 1 : 0)));

    private static string Unpermute(GradientContext c, long[] view, long[] perm)
    {
        var e = c.E;
        var permuted = perm.Select(p => view[p]).ToArray();
        var inverse = new long[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            inverse[perm[i]] = i;
        }

        var back = e.Op("Transpose", [e.Reshape(c.Dy, permuted)], Attr.Ints("perm", inverse));
        return e.Reshape(back, c.InShape(0));
    }
}
