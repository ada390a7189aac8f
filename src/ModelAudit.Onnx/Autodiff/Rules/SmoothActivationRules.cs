namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Pointwise activations of transformer and later CNN blocks, and Sin/Cos. Each rule is dX = dY * f'(X) written
/// with opset-17 operators (the backward model's opset), so Gelu-20 is differentiated through Erf or Tanh.
/// </summary>
internal static class SmoothActivationRules
{
    private static readonly float SqrtTwoOverPi = (float)Math.Sqrt(2.0 / Math.PI);
    private static readonly float InverseSqrtTwoPi = (float)(1.0 / Math.Sqrt(2.0 * Math.PI));
    private const float GeluCubic = 0.044715f;

    /// <summary>
    /// Gelu, approximate "none": y = x Phi(x), dX = dY * (Phi(x) + x phi(x)) with Phi(x) = (1 + erf(x / sqrt 2)) / 2 and
    /// phi(x) = exp(-x^2/2) / sqrt(2 pi). Approximate "tanh": y = x (1 + t) / 2, t = tanh(sqrt(2/pi) (x + 0.044715 x^3)),
    /// dX = dY * ((1 + t) / 2 + x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2) / 2).
    /// </summary>
    public static string?[] Gelu(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var approximate = c.Node.Str("approximate", "none");
        string slope;
        if (approximate == "tanh")
        {
            var square = e.Mul(x, x);
            var inner = e.Scale(e.Add(x, e.Scale(e.Mul(square, x), GeluCubic)), SqrtTwoOverPi);
            var t = e.Op("Tanh", [inner]);
            var half = e.Scale(e.Add(t, e.Scalar(1f)), 0.5f);
            var innerSlope = e.Scale(e.Add(e.Scale(square, 3f * GeluCubic), e.Scalar(1f)), SqrtTwoOverPi * 0.5f);
            slope = e.Add(half, e.Mul(e.Mul(x, e.Sub(e.Scalar(1f), e.Mul(t, t))), innerSlope));
        }
        else if (approximate == "none")
        {
            var cdf = e.Scale(e.Add(e.Op("Erf", [e.Scale(x, (float)(1.0 / Math.Sqrt(2.0)))]), e.Scalar(1f)), 0.5f);
            var pdf = e.Scale(e.Op("Exp", [e.Scale(e.Mul(x, x), -0.5f)]), InverseSqrtTwoPi);
            slope = e.Add(cdf, e.Mul(x, pdf));
        }
        else
        {
            throw c.Unsupported($"approximate '{approximate}'");
        }

        return c.First(e.Mul(c.Dy, slope));
    }

    /// <summary>Mish: y = x tanh(softplus(x)), dX = dY * (t + x (1 - t^2) sigmoid(x)) with t = tanh(softplus(x)).</summary>
    public static string?[] Mish(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var t = e.Op("Tanh", [e.Op("Softplus", [x])]);
        var tail = e.Mul(e.Mul(x, e.Sub(e.Scalar(1f), e.Mul(t, t))), e.Op("Sigmoid", [x]));
        return c.First(e.Mul(c.Dy, e.Add(t, tail)));
    }

    /// <summary>Selu(alpha, gamma): dX = gamma dY where X > 0, else gamma alpha exp(X) dY.</summary>
    public static string?[] Selu(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var alpha = c.Node.Float("alpha", 1.67326319217681884765625f);
        var gamma = c.Node.Float("gamma", 1.05070102214813232421875f);
        var negative = e.Mul(e.Scale(c.Dy, alpha * gamma), e.Op("Exp", [x]));
        return c.First(e.Op("Where", [e.Greater(x, e.Scalar(0f)), e.Scale(c.Dy, gamma), negative]));
    }

    /// <summary>Celu(alpha): y = max(0, x) + min(0, alpha (exp(x / alpha) - 1)); dX = dY where X > 0, else exp(X / alpha) dY.</summary>
    public static string?[] Celu(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var alpha = c.Node.Float("alpha", 1f);
        var negative = e.Mul(c.Dy, e.Op("Exp", [e.Scale(x, 1f / alpha)]));
        return c.First(e.Op("Where", [e.Greater(x, e.Scalar(0f)), c.Dy, negative]));
    }

    /// <summary>ThresholdedRelu(alpha): y = x where x > alpha, else 0; dX = dY where X > alpha, else 0.</summary>
    public static string?[] ThresholdedRelu(GradientContext c) =>
        c.First(c.Masked(c.E.Greater(c.In(0), c.E.Scalar(c.Node.Float("alpha", 1f))), c.Dy));

    /// <summary>Sin: dX = dY cos(X).</summary>
    public static string?[] Sin(GradientContext c) => c.First(c.E.Mul(c.Dy, c.E.Op("Cos", [c.In(0)])));

    /// <summary>Cos: dX = -dY sin(X).</summary>
    public static string?[] Cos(GradientContext c) => c.First(c.E.Op("Neg", [c.E.Mul(c.Dy, c.E.Op("Sin", [c.In(0)]))]));
}
