namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Broadcasting binary arithmetic and the variadic Sum/Mean/Max/Min, plus Where.</summary>
internal static class ArithmeticRules
{
    public static string?[] Add(GradientContext c) => Both(c, c.Dy, c.Dy);

    public static string?[] Sub(GradientContext c) => Both(c, c.Dy, c.Needs(1) ? c.E.Op("Neg", [c.Dy]) : null);

    public static string?[] Mul(GradientContext c) =>
        Both(c, c.Needs(0) ? c.E.Mul(c.Dy, c.In(1)) : null, c.Needs(1) ? c.E.Mul(c.Dy, c.In(0)) : null);

    public static string?[] Div(GradientContext c)
    {
        var e = c.E;
        var overB = e.Div(c.Dy, c.In(1));
        // d(A/B)/dB = -A/B^2 = -(dY/B) * Y.
        var dB = c.Needs(1) ? e.Op("Neg", [e.Mul(overB, c.Out(0))]) : null;
        return Both(c, overB, dB);
    }

    public static string?[] Sum(GradientContext c) => Each(c, _ => c.Dy);

    public static string?[] Mean(GradientContext c)
    {
        var share = c.E.Scale(c.Dy, 1f / c.InputCount);
        return Each(c, _ => share);
    }

    /// <summary>Max and Min: the gradient goes to every input equal to the result.</summary>
    public static string?[] Extremum(GradientContext c)
    {
        var y = c.Out(0);
        return Each(c, i => c.Masked(c.E.Op("Equal", [c.In(i), y]), c.Dy));
    }

    public static string?[] Where(GradientContext c)
    {
        var e = c.E;
        var result = c.NoGradients();
        var condition = e.Op("Cast", [c.In(0)], Attr.Int("to", 9));
        var zero = e.Scalar(0f);
        if (c.Needs(1))
        {
            result[1] = c.ToInput(e.Op("Where", [condition, c.Dy, zero]), 1);
        }

        if (c.Needs(2))
        {
            result[2] = c.ToInput(e.Op("Where", [condition, zero, c.Dy]), 2);
        }

        return result;
    }

    private static string?[] Both(GradientContext c, string? dA, string? dB)
    {
        var result = c.NoGradients();
        if (c.Needs(0) && dA is not null)
        {
            result[0] = c.ToInput(dA, 0);
        }

        if (c.Needs(1) && dB is not null)
        {
            result[1] = c.ToInput(dB, 1);
        }

        return result;
    }

    private static string?[] Each(GradientContext c, Func<int, string> gradient)
    {
        var result = c.NoGradients();
        for (var i = 0; i < c.InputCount; i++)
        {
            if (c.Needs(i))
            {
                result[i] = c.ToInput(gradient(i), i);
            }
        }

        return result;
    }
}
