namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>Elementwise operators of the build-time evaluator, with ONNX Runtime's integer semantics (division
/// truncates, Mod follows the divisor's sign unless fmod=1, Round is half-to-even).</summary>
internal static class FoldArithmetic
{
    public static FoldedTensor Add(FoldNode n) => Binary(n, (a, b) => a + b, (a, b) => a + b);

    public static FoldedTensor Sub(FoldNode n) => Binary(n, (a, b) => a - b, (a, b) => a - b);

    public static FoldedTensor Mul(FoldNode n) => Binary(n, (a, b) => a * b, (a, b) => a * b);

    public static FoldedTensor Div(FoldNode n) =>
        Binary(n, (a, b) => b == 0 ? throw new FoldingException("integer division by zero") : a / b, (a, b) => a / b);

    public static FoldedTensor Mod(FoldNode n) => n.Node.Int("fmod", 0) == 1
        ? Binary(n, (a, b) => b == 0 ? throw new FoldingException("integer modulo by zero") : a % b, (a, b) => a % b)
        : Binary(n, FloorMod, (a, b) => a - (b * Math.Floor(a / b)));

    public static FoldedTensor Pow(FoldNode n) => Binary(n, (a, b) => (long)Math.Pow(a, b), Math.Pow);

    public static FoldedTensor Min(FoldNode n) => Variadic(n, Math.Min, Math.Min);

    public static FoldedTensor Max(FoldNode n) => Variadic(n, Math.Max, Math.Max);

    public static FoldedTensor Sum(FoldNode n) => Variadic(n, (a, b) => a + b, (a, b) => a + b);

    public static FoldedTensor Neg(FoldNode n) => Unary(n, a => -a, a => -a);

    public static FoldedTensor Abs(FoldNode n) => Unary(n, Math.Abs, Math.Abs);

    public static FoldedTensor Floor(FoldNode n) => Unary(n, a => a, Math.Floor);

    public static FoldedTensor Ceil(FoldNode n) => Unary(n, a => a, Math.Ceiling);

    public static FoldedTensor Round(FoldNode n) => Unary(n, a => a, a => Math.Round(a, MidpointRounding.ToEven));

    public static FoldedTensor Sqrt(FoldNode n) => Unary(n, a => (long)Math.Sqrt(a), Math.Sqrt);

    public static FoldedTensor Reciprocal(FoldNode n) => Unary(n, a => 1 / a, a => 1 / a);

    public static FoldedTensor Equal(FoldNode n) => Compare(n, (a, b) => a == b, (a, b) => a == b);

    public static FoldedTensor Less(FoldNode n) => Compare(n, (a, b) => a < b, (a, b) => a < b);

    public static FoldedTensor LessOrEqual(FoldNode n) => Compare(n, (a, b) => a <= b, (a, b) => a <= b);

    public static FoldedTensor Greater(FoldNode n) => Compare(n, (a, b) => a > b, (a, b) => a > b);

    public static FoldedTensor GreaterOrEqual(FoldNode n) => Compare(n, (a, b) => a >= b, (a, b) => a >= b);

    public static FoldedTensor And(FoldNode n) => Compare(n, (a, b) => a != 0 && b != 0, (a, b) => a != 0 && b != 0);

    public static FoldedTensor Or(FoldNode n) => Compare(n, (a, b) => a != 0 || b != 0, (a, b) => a != 0 || b != 0);

    public static FoldedTensor Xor(FoldNode n) => Compare(n, (a, b) => (a != 0) ^ (b != 0), (a, b) => (a != 0) ^ (b != 0));

    public static FoldedTensor Not(FoldNode n)
    {
        var x = n.In(0);
        return FoldedTensor.Integers(ElementKinds.Bool, x.Shape, [.. Enumerable.Range(0, (int)x.Count).Select(i => x.Long(i) == 0 ? 1L : 0L)]);
    }

    public static FoldedTensor Identity(FoldNode n) => n.In(0);

    public static FoldedTensor Cast(FoldNode n) => Convert(n.In(0), (int)n.Node.Int("to", ElementKinds.Float));

    /// <summary>CastLike: to the element type of input 1.</summary>
    public static FoldedTensor CastLike(FoldNode n) => Convert(n.In(0), n.In(1).Type);

    public static FoldedTensor Where(FoldNode n)
    {
        var condition = n.In(0);
        var a = n.In(1);
        var b = n.In(2);
        var shape = Broadcast.Shape([condition.Shape, a.Shape, b.Shape]);
        var c = Broadcast.Sources(shape, condition.Shape);
        var sa = Broadcast.Sources(shape, a.Shape);
        var sb = Broadcast.Sources(shape, b.Shape);
        return a.IsInteger
            ? FoldedTensor.Integers(a.Type, shape, [.. Enumerable.Range(0, c.Length).Select(i => condition.Long(c[i]) != 0 ? a.Long(sa[i]) : b.Long(sb[i]))])
            : FoldedTensor.Floats(a.Type, shape, [.. Enumerable.Range(0, c.Length).Select(i => condition.Long(c[i]) != 0 ? a.Double(sa[i]) : b.Double(sb[i]))]);
    }

    public static FoldedTensor Convert(FoldedTensor x, int type)
    {
        var count = (int)x.Count;
        if (ElementKinds.IsInteger(type))
        {
            // Float to integer truncates toward zero, as ONNX Runtime does; to bool is "non-zero".
            return FoldedTensor.Integers(type, x.Shape, [.. Enumerable.Range(0, count).Select(i => type == ElementKinds.Bool
                ? (x.Double(i) != 0 ? 1L : 0L)
                : x.IsInteger ? x.Long(i) : (long)Math.Truncate(x.Double(i)))]);
        }

        return ElementKinds.IsFloat(type)
            ? FoldedTensor.Floats(type, x.Shape, [.. Enumerable.Range(0, count).Select(i => Round(x.Double(i), type))])
            : throw new FoldingException($"cast to element type {type}");
    }

    /// <summary>A double rounded to what an element of <paramref name="type"/> can hold.</summary>
    public static double Round(double value, int type) => type switch
    {
        ElementKinds.Float => (float)value,
        ElementKinds.Float16 => (double)(Half)value,
        _ => value,
    };

    private static long FloorMod(long a, long b)
    {
        if (b == 0)
        {
            throw new FoldingException("integer modulo by zero");
        }

        var r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }

    private static FoldedTensor Unary(FoldNode n, Func<long, long> ints, Func<double, double> reals)
    {
        var x = n.In(0);
        var count = (int)x.Count;
        return x.IsInteger
            ? FoldedTensor.Integers(x.Type, x.Shape, [.. Enumerable.Range(0, count).Select(i => ints(x.Long(i)))])
            : FoldedTensor.Floats(x.Type, x.Shape, [.. Enumerable.Range(0, count).Select(i => Round(reals(x.Double(i)), x.Type))]);
    }

    private static FoldedTensor Binary(FoldNode n, Func<long, long, long> ints, Func<double, double, double> reals) =>
        Combine(n.In(0), n.In(1), ints, reals);

    private static FoldedTensor Variadic(FoldNode n, Func<long, long, long> ints, Func<double, double, double> reals)
    {
        var result = n.In(0);
        for (var i = 1; i < n.Node.Input.Count; i++)
        {
            result = Combine(result, n.In(i), ints, reals);
        }

        return result;
    }

    private static FoldedTensor Combine(FoldedTensor a, FoldedTensor b, Func<long, long, long> ints, Func<double, double, double> reals)
    {
        var shape = Broadcast.Shape([a.Shape, b.Shape]);
        var sa = Broadcast.Sources(shape, a.Shape);
        var sb = Broadcast.Sources(shape, b.Shape);
        return a.IsInteger && b.IsInteger
            ? FoldedTensor.Integers(a.Type, shape, [.. Enumerable.Range(0, sa.Length).Select(i => ints(a.Long(sa[i]), b.Long(sb[i])))])
            : FoldedTensor.Floats(a.Type, shape, [.. Enumerable.Range(0, sa.Length).Select(i => Round(reals(a.Double(sa[i]), b.Double(sb[i])), a.Type))]);
    }

    private static FoldedTensor Compare(FoldNode n, Func<long, long, bool> ints, Func<double, double, bool> reals)
    {
        var a = n.In(0);
        var b = n.In(1);
        var shape = Broadcast.Shape([a.Shape, b.Shape]);
        var sa = Broadcast.Sources(shape, a.Shape);
        var sb = Broadcast.Sources(shape, b.Shape);
        var exact = a.IsInteger && b.IsInteger;
        return FoldedTensor.Integers(ElementKinds.Bool, shape, [.. Enumerable.Range(0, sa.Length).Select(i =>
            (exact ? ints(a.Long(sa[i]), b.Long(sb[i])) : reals(a.Double(sa[i]), b.Double(sb[i]))) ? 1L : 0L)]);
    }
}
