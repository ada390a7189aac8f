namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Inference-mode BatchNormalization (a per-channel constant scale) and the normalizations that compute
/// their statistics from the input (Instance and Layer), composed from their definitions.</summary>
internal static class NormalizationRules
{
    public static string?[] BatchNormalization(GradientContext c)
    {
        if (c.Node.Int("training_mode", 0) != 0 || c.Node.Output.Count(o => o.Length > 0) > 1)
        {
            throw c.Unsupported("training mode");
        }

        var e = c.E;
        var x = c.InShape(0);
        var epsilon = c.Node.Float("epsilon", 1e-5f);
        var factor = e.Div(c.In(1), e.Op("Sqrt", [e.Add(c.In(4), e.Scalar(epsilon))]));
        // Before opset 9, spatial=0 keeps one statistic per activation (C x D1 x ...) instead of per channel.
        var perActivation = c.Opset < 9 && c.Node.Int("spatial", 1) == 0;
        long[] statShape = perActivation
            ? [1, .. x[1..]]
            : [1, x[1], .. Enumerable.Repeat(1L, x.Length - 2)];
        return c.First(e.Mul(c.Dy, e.Reshape(factor, statShape)));
    }

    public static string?[] InstanceNormalization(GradientContext c)
    {
        var x = c.InShape(0);
        var axes = Enumerable.Range(2, x.Length - 2).Select(a => (long)a).ToArray();
        var gamma = c.E.Reshape(c.In(1), [1, x[1], .. Enumerable.Repeat(1L, x.Length - 2)]);
        return c.First(Normalized(c, axes, c.Node.Float("epsilon", 1e-5f), gamma));
    }

    public static string?[] LayerNormalization(GradientContext c)
    {
        var x = c.InShape(0);
        var first = c.Axis(c.Node.Int("axis", -1), x.Length);
        var axes = Enumerable.Range(first, x.Length - first).Select(a => (long)a).ToArray();
        return c.First(Normalized(c, axes, c.Node.Float("epsilon", 1e-5f), c.In(1)));
    }

    /// <summary>
    /// d/dX of gamma * (X - mean) / sqrt(var + eps) over <paramref name="axes"/>, with g = dY * gamma and n the
    /// count: dX = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var + eps).
    /// </summary>
    private static string Normalized(GradientContext c, long[] axes, float epsilon, string gamma)
    {
        var e = c.E;
        string Mean(string v) => e.Op("ReduceMean", [v], Attr.Ints("axes", axes), Attr.Int("keepdims", 1));
        var x = c.In(0);
        var centered = e.Sub(x, Mean(x));
        var deviation = e.Op("Sqrt", [e.Add(Mean(e.Mul(centered, centered)), e.Scalar(epsilon))]);
        var normalized = e.Div(centered, deviation);
        var g = e.Mul(c.Dy, gamma);
        var inner = e.Sub(e.Sub(g, Mean(g)), e.Mul(normalized, Mean(e.Mul(g, normalized))));
        return e.Div(inner, deviation);
    }
}
