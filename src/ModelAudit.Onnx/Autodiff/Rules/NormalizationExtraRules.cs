namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>GroupNormalization, LpNormalization and LRN, composed from their definitions.</summary>
internal static class NormalizationExtraRules
{
    /// <summary>
    /// GroupNormalization(X, scale, bias, num_groups G): with X viewed as [N, G, M] and g = dY * scale (scale per group
    /// at opset 18, per channel from 21: told apart by its length), dX = (g - mean(g) - xhat mean(g xhat)) / sqrt(var + eps)
    /// over M, reshaped back.
    /// </summary>
    public static string?[] GroupNormalization(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0);
        var groups = c.Node.Int("num_groups", 0);
        if (x.Length < 2 || groups <= 0 || x[1] % groups != 0)
        {
            throw c.Unsupported($"num_groups {groups} does not divide the {(x.Length < 2 ? 0 : x[1])} channels");
        }

        long[] grouped = [x[0], groups, RuleHelpers.Product(x[1..]) / groups];
        var ones = Enumerable.Repeat(1L, x.Length - 2);
        var perChannel = c.InShape(1)[0] == x[1];
        var g = perChannel
            ? e.Reshape(e.Mul(c.Dy, e.Reshape(c.In(1), [1, x[1], .. ones])), grouped)
            : e.Mul(e.Reshape(c.Dy, grouped), e.Reshape(c.In(1), [1, groups, 1]));
        var dx = Normalized(e, e.Reshape(c.In(0), grouped), g, [2], c.Node.Float("epsilon", 1e-5f));
        return c.First(e.Reshape(dx, x));
    }

    /// <summary>
    /// LpNormalization(axis, p): y = x / n with n the p-norm along the axis. p = 2: dX = (dY - y sum(dY y)) / n;
    /// p = 1: dX = (dY - sign(x) sum(dY y)) / n.
    /// </summary>
    public static string?[] LpNormalization(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var y = c.Out(0);
        var p = c.Node.Int("p", 2);
        var axes = e.Ints(c.Axis(c.Node.Int("axis", -1), c.InShape(0).Length));
        string Sum(string v) => e.Op("ReduceSum", [v, axes], Attr.Int("keepdims", 1));
        var norm = p switch
        {
            2 => e.Op("Sqrt", [Sum(e.Mul(x, x))]),
            1 => Sum(e.Op("Abs", [x])),
            _ => throw c.Unsupported($"p = {p} (ONNX allows 1 or 2)"),
        };
        var direction = p == 2 ? y : e.Op("Sign", [x]);
        return c.First(e.Div(e.Sub(c.Dy, e.Mul(direction, Sum(e.Mul(c.Dy, y)))), norm));
    }

    /// <summary>
    /// LRN(alpha, beta, bias, size) over channels: y = x d^-beta with d = bias + alpha/size * S, S the sum of x^2 over the
    /// channel window [c - floor((size-1)/2), c + ceil((size-1)/2)]. dX = dY d^-beta - (2 alpha beta / size) x W(dY x d^(-beta-1)),
    /// W the adjoint window sum (the window mirrored). Window sums are Convs over the channel axis of [N, 1, C, rest].
    /// </summary>
    public static string?[] Lrn(GradientContext c)
    {
        var e = c.E;
        var shape = c.InShape(0);
        var alpha = c.Node.Float("alpha", 1e-4f);
        var beta = c.Node.Float("beta", 0.75f);
        var bias = c.Node.Float("bias", 1f);
        var size = c.Node.Int("size", 0);
        if (size <= 0 || shape.Length < 3)
        {
            throw c.Unsupported(size <= 0 ? "size is missing" : "input rank below 3");
        }

        long low = (size - 1) / 2, high = size - 1 - low;
        long[] planes = [shape[0], 1, shape[1], RuleHelpers.Product(shape[2..])];
        var kernel = e.Floats([.. Enumerable.Repeat(1f, (int)size)], 1, 1, size, 1);
        string Window(string v, long before, long after) => e.Reshape(
            e.Op("Conv", [e.Reshape(v, planes), kernel], Attr.Ints("kernel_shape", [size, 1]), Attr.Ints("pads", [before, 0, after, 0])),
            shape);

        var x = c.In(0);
        var d = e.Add(e.Scale(Window(e.Mul(x, x), low, high), alpha / size), e.Scalar(bias));
        var direct = e.Mul(c.Dy, e.Op("Pow", [d, e.Scalar(-beta)]));
        var spread = Window(e.Mul(e.Mul(c.Dy, x), e.Op("Pow", [d, e.Scalar(-beta - 1f)])), high, low);
        return c.First(e.Sub(direct, e.Scale(e.Mul(x, spread), 2f * alpha * beta / size)));
    }

    /// <summary>d/dX of (X - mean) / sqrt(var + eps) over <paramref name="axes"/> applied to g: (g - mean(g) - xhat mean(g xhat)) / sd.</summary>
    private static string Normalized(BackwardEmitter e, string x, string g, long[] axes, float epsilon)
    {
        string Mean(string v) => e.Op("ReduceMean", [v], Attr.Ints("axes", axes), Attr.Int("keepdims", 1));
        var centered = e.Sub(x, Mean(x));
        var deviation = e.Op("Sqrt", [e.Add(Mean(e.Mul(centered, centered)), e.Scalar(epsilon))]);
        var normalized = e.Div(centered, deviation);
        return e.Div(e.Sub(e.Sub(g, Mean(g)), e.Mul(normalized, Mean(e.Mul(g, normalized)))), deviation);
    }
}
