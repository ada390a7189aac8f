namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Pointwise activations: a mask or a local slope times the incoming gradient.</summary>
internal static class ActivationRules
{
    public static string?[] Relu(GradientContext c)
    {
        if (ReluStepMask.Applies(c))
        {
            return c.First(ReluStepMask.Apply(c));
        }

        var e = c.E;
        var mask = e.Greater(c.In(0), e.Scalar(0f));
        if (c.Guided)
        {
            mask = e.And(mask, e.Greater(c.Dy, e.Scalar(0f)));
        }

        return c.First(c.Masked(mask, c.Dy));
    }

    public static string?[] LeakyRelu(GradientContext c)
    {
        var e = c.E;
        var negative = e.Scale(c.Dy, c.Node.Float("alpha", 0.01f));
        return c.First(e.Op("Where", [e.Greater(c.In(0), e.Scalar(0f)), c.Dy, negative]));
    }

    public static string?[] PRelu(GradientContext c)
    {
        var e = c.E;
        var negative = e.Mul(c.Dy, c.In(1));
        return c.First(e.Op("Where", [e.Greater(c.In(0), e.Scalar(0f)), c.Dy, negative]));
    }

    public static string?[] Elu(GradientContext c)
    {
        var e = c.E;
        var alpha = c.Node.Float("alpha", 1f);
        var negative = e.Mul(c.Dy, e.Add(c.Out(0), e.Scalar(alpha)));
        return c.First(e.Op("Where", [e.Greater(c.In(0), e.Scalar(0f)), c.Dy, negative]));
    }

    public static string?[] Softplus(GradientContext c) =>
        c.First(c.E.Mul(c.Dy, c.E.Op("Sigmoid", [c.In(0)])));

    public static string?[] Sigmoid(GradientContext c)
    {
        var e = c.E;
        var y = c.Out(0);
        return c.First(e.Mul(c.Dy, e.Mul(y, e.Sub(e.Scalar(1f), y))));
    }

    public static string?[] Tanh(GradientContext c)
    {
        var e = c.E;
        var y = c.Out(0);
        return c.First(e.Mul(c.Dy, e.Sub(e.Scalar(1f), e.Mul(y, y))));
    }

    public static string?[] HardSigmoid(GradientContext c)
    {
        var e = c.E;
        var alpha = c.Node.Float("alpha", 0.2f);
        var beta = c.Node.Float("beta", 0.5f);
        // Recompute the pre-clip line exactly as the forward did so the mask agrees with it at the edges.
        var line = e.Add(e.Scale(c.In(0), alpha), e.Scalar(beta));
        var mask = e.And(e.Greater(line, e.Scalar(0f)), e.Less(line, e.Scalar(1f)));
        return c.First(c.Masked(mask, e.Scale(c.Dy, alpha)));
    }

    public static string?[] HardSwish(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        var gate = e.Op("HardSigmoid", [x], Attr.Float("alpha", 1f / 6f), Attr.Float("beta", 0.5f));
        var ramp = e.And(e.Greater(x, e.Scalar(-3f)), e.Less(x, e.Scalar(3f)));
        var slope = e.Add(gate, c.Masked(ramp, e.Scale(x, 1f / 6f)));
        return c.First(e.Mul(c.Dy, slope));
    }

    public static string?[] Clip(GradientContext c)
    {
        var e = c.E;
        var x = c.In(0);
        string? min;
        string? max;
        if (c.Opset < 11)
        {
            min = c.Node.Find("min") is { } lo ? e.Scalar(lo.F) : null;
            max = c.Node.Find("max") is { } hi ? e.Scalar(hi.F) : null;
        }
        else
        {
            min = c.Node.InputAt(1) is not null ? c.In(1) : null;
            max = c.Node.InputAt(2) is not null ? c.In(2) : null;
        }

        // Strict inequalities, as PyTorch's hardtanh/relu6 backward: no gradient at the clipping points.
        string? mask = min is null ? null : e.Greater(x, min);
        if (max is not null)
        {
            var below = e.Less(x, max);
            mask = mask is null ? below : e.And(mask, below);
        }

        return c.First(mask is null ? c.Dy : c.Masked(mask, c.Dy));
    }
}
