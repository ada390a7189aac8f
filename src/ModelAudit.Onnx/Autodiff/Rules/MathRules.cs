namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Unary math functions with their textbook derivatives.</summary>
internal static class MathRules
{
    public static string?[] Exp(GradientContext c) => c.First(c.E.Mul(c.Dy, c.Out(0)));

    public static string?[] Log(GradientContext c) => c.First(c.E.Div(c.Dy, c.In(0)));

    public static string?[] Sqrt(GradientContext c) => c.First(c.E.Div(c.E.Scale(c.Dy, 0.5f), c.Out(0)));

    public static string?[] Reciprocal(GradientContext c)
    {
        var y = c.Out(0);
        return c.First(c.E.Op("Neg", [c.E.Mul(c.Dy, c.E.Mul(y, y))]));
    }

    public static string?[] Neg(GradientContext c) => c.First(c.E.Op("Neg", [c.Dy]));

    public static string?[] Abs(GradientContext c) => c.First(c.E.Mul(c.Dy, c.E.Op("Sign", [c.In(0)])));

    public static string?[] Erf(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var gauss = e.Op("Exp", [e.Op("Neg", [e.Mul(x, x)])]);
        return c.First(e.Mul(e.Scale(c.Dy, (float)(2.0 / Math.Sqrt(Math.PI))), gauss));
    }

    /// <summary>Pow(X, P) with respect to X only; the exponent is treated as a constant.</summary>
    public static string?[] Pow(GradientContext c)
    {
        var e = c.E;
        var p = c.In(1);
        var slope = e.Mul(p, e.Op("Pow", [c.In(0), e.Sub(p, e.Scalar(1f))]));
        return c.First(c.ToInput(e.Mul(c.Dy, slope), 0));
    }
}
