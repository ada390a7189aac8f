namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Softmax and LogSoftmax over the axes the forward opset meant: before opset 13 the input is flattened
/// to 2-D at <c>axis</c> (default 1), so the normalization runs over every axis from <c>axis</c> on; from 13 over
/// <c>axis</c> alone (default -1).</summary>
internal static class SoftmaxRules
{
    public static string?[] Softmax(GradientContext c)
    {
        var e = c.E;
        var y = c.Out(0);
        var inner = e.Op("ReduceSum", [e.Mul(c.Dy, y), Axes(c)], Attr.Int("keepdims", 1));
        return c.First(e.Mul(y, e.Sub(c.Dy, inner)));
    }

    public static string?[] LogSoftmax(GradientContext c)
    {
        var e = c.E;
        var total = e.Op("ReduceSum", [c.Dy, Axes(c)], Attr.Int("keepdims", 1));
        return c.First(e.Sub(c.Dy, e.Mul(e.Op("Exp", [c.Out(0)]), total)));
    }

    private static string Axes(GradientContext c)
    {
        var rank = c.InShape(0).Length;
        if (c.Opset >= 13)
        {
            return c.E.Ints(c.Axis(c.Node.Int("axis", -1), rank));
        }

        var first = c.Axis(c.Node.Int("axis", 1), rank);
        return c.E.Ints([.. Enumerable.Range(first, rank - first).Select(a => (long)a)]);
    }
}
