namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// The reductions that are not a plain sum, mean or extremum. dY and Y are reshaped with the reduced axes kept as 1 and
/// broadcast against X: ReduceL1: dX = dY sign(X); ReduceL2: dX = dY X / Y; ReduceSumSquare: dX = 2 dY X;
/// ReduceLogSumExp: dX = dY exp(X - Y); ReduceProd: dX = dY Y / X (an exact zero in X gives no finite gradient there).
/// Axes follow <see cref="ReduceRules.KeptShape"/> (attribute before opset 18, input from 18).
/// </summary>
internal static class ReduceNormRules
{
    public static string?[] L1(GradientContext c) => Rule(c, (e, x, _, dy) => e.Mul(dy, e.Op("Sign", [x])));

    public static string?[] L2(GradientContext c) => Rule(c, (e, x, y, dy) => e.Mul(dy, e.Div(x, y)));

    public static string?[] SumSquare(GradientContext c) => Rule(c, (e, x, _, dy) => e.Mul(e.Scale(dy, 2f), x));

    public static string?[] LogSumExp(GradientContext c) => Rule(c, (e, x, y, dy) => e.Mul(dy, e.Op("Exp", [e.Sub(x, y)])));

    public static string?[] Prod(GradientContext c) => Rule(c, (e, x, y, dy) => e.Mul(dy, e.Div(y, x)));

    private static string?[] Rule(GradientContext c, Func<BackwardEmitter, string, string, string, string> slope)
    {
        var e = c.E;
        var (kept, _) = ReduceRules.KeptShape(c);
        // X has the full shape, so every slope broadcasts the kept-axes dY and Y back to it.
        return c.First(slope(e, c.In(0), e.Reshape(c.Out(0), kept), e.Reshape(c.Dy, kept)));
    }
}
