namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>MatMul (numpy semantics, 1-D operands and broadcast batch axes) and Gemm.</summary>
internal static class MatMulRules
{
    public static string?[] MatMul(GradientContext c)
    {
        var e = c.E;
        long[] aShape = c.InShape(0), bShape = c.InShape(1), yShape = c.OutShape(0);
        bool aVector = aShape.Length == 1, bVector = bShape.Length == 1;
        // Promote 1-D operands to matrices so both gradients are plain batched matrix products.
        long[] a2 = aVector ? [1, aShape[0]] : aShape;
        long[] b2 = bVector ? [bShape[0], 1] : bShape;
        var batch = yShape[..(yShape.Length - (aVector ? 0 : 1) - (bVector ? 0 : 1))];
        long[] y2 = [.. batch, a2[^2], b2[^1]];
        var dy = Broadcasting.SameShape(y2, yShape) ? c.Dy : e.Reshape(c.Dy, y2);

        var result = c.NoGradients();
        if (c.Needs(0))
        {
            var b = bVector ? e.Reshape(c.In(1), b2) : c.In(1);
            var dA = e.Op("MatMul", [dy, SwapLastTwo(e, b, b2.Length)]);
            result[0] = Broadcasting.ReduceTo(e, dA, [.. batch, a2[^2], a2[^1]], a2, aShape);
        }

        if (c.Needs(1))
        {
            var a = aVector ? e.Reshape(c.In(0), a2) : c.In(0);
            var dB = e.Op("MatMul", [SwapLastTwo(e, a, a2.Length), dy]);
            result[1] = Broadcasting.ReduceTo(e, dB, [.. batch, b2[^2], b2[^1]], b2, bShape);
        }

        return result;
    }

    public static string?[] Gemm(GradientContext c)
    {
        var e = c.E;
        var alpha = c.Node.Float("alpha", 1f);
        var beta = c.Node.Float("beta", 1f);
        var transA = c.Node.Int("transA", 0) != 0;
        var transB = c.Node.Int("transB", 0) != 0;
        var dy = c.Dy;
        var result = c.NoGradients();
        if (c.Needs(0))
        {
            var b = c.In(1);
            var dOpA = e.Scale(e.Op("MatMul", [dy, transB ? b : Transpose2(e, b)]), alpha);
            result[0] = transA ? Transpose2(e, dOpA) : dOpA;
        }

        if (c.Needs(1))
        {
            var a = c.In(0);
            var dOpB = e.Scale(e.Op("MatMul", [transA ? a : Transpose2(e, a), dy]), alpha);
            result[1] = transB ? Transpose2(e, dOpB) : dOpB;
        }

        if (c.Needs(2))
        {
            result[2] = c.ToInput(e.Scale(dy, beta), 2);
        }

        return result;
    }

    private static string Transpose2(BackwardEmitter e, string matrix) => e.Op("Transpose", [matrix], Attr.Ints("perm", [1, 0]));

    private static string SwapLastTwo(BackwardEmitter e, string value, int rank)
    {
        var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        (perm[rank - 1], perm[rank - 2]) = (perm[rank - 2], perm[rank - 1]);
        return e.Op("Transpose", [value], Attr.Ints("perm", perm));
    }
}
