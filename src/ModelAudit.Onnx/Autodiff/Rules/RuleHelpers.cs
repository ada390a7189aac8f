namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Small building blocks shared by the rules.</summary>
internal static class RuleHelpers
{
    /// <summary>A gradient for input 0 only (the other inputs are weights, shapes or indices).</summary>
    public static string?[] First(this GradientContext c, string dx)
    {
        var result = c.NoGradients();
        result[0] = dx;
        return result;
    }

    /// <summary>dY where the mask holds, zero elsewhere.</summary>
    public static string Masked(this GradientContext c, string mask, string value) =>
        c.E.Op("Where", [mask, value, c.E.Scalar(0f)]);

    public static string Mul(this BackwardEmitter e, string a, string b) => e.Op("Mul", [a, b]);

    public static string Add(this BackwardEmitter e, string a, string b) => e.Op("Add", [a, b]);

    public static string Sub(this BackwardEmitter e, string a, string b) => e.Op("Sub", [a, b]);

    public static string Div(this BackwardEmitter e, string a, string b) => e.Op("Div", [a, b]);

    public static string Scale(this BackwardEmitter e, string a, float factor) => factor == 1f ? a : e.Mul(a, e.Scalar(factor));

    public static string Greater(this BackwardEmitter e, string a, string b) => e.Op("Greater", [a, b]);

    public static string Less(this BackwardEmitter e, string a, string b) => e.Op("Less", [a, b]);

    public static string And(this BackwardEmitter e, string a, string b) => e.Op("And", [a, b]);

    public static long Product(IEnumerable<long> values) => values.Aggregate(1L, (a, b) => a * b);

    /// <summary>Reduces an elementwise gradient (shaped like the output) to the shape of input <paramref name="input"/>.</summary>
    public static string ToInput(this GradientContext c, string grad, int input) =>
        Broadcasting.ReduceTo(c.E, grad, c.OutShape(0), c.InShape(input));
}
