namespace ModelAudit.Onnx.Autodiff;

/// <summary>Undoes numpy-style broadcasting on a gradient: sums over the axes an operand was stretched along.</summary>
internal static class Broadcasting
{
    public static string ReduceTo(BackwardEmitter e, string grad, long[] gradShape, long[] operandShape) =>
        ReduceTo(e, grad, gradShape, operandShape, operandShape);

    /// <summary>Sums <paramref name="grad"/> down to <paramref name="broadcastShape"/> (right-aligned) and reshapes the
    /// result to <paramref name="finalShape"/> (same element count), e.g. a 1-D MatMul operand.</summary>
    public static string ReduceTo(BackwardEmitter e, string grad, long[] gradShape, long[] broadcastShape, long[] finalShape)
    {
        var offset = gradShape.Length - broadcastShape.Length;
        var axes = new List<long>();
        for (var axis = 0; axis < gradShape.Length; axis++)
        {
            var operandDim = axis < offset ? 1 : broadcastShape[axis - offset];
            if (axis < offset || (operandDim == 1 && gradShape[axis] != 1))
            {
                axes.Add(axis);
            }
        }

        var reduced = axes.Count == 0
            ? grad
            : e.Op("ReduceSum", [grad, e.Ints([.. axes])], Attr.Int("keepdims", 1));
        return SameShape(gradShape, finalShape) ? reduced : e.Reshape(reduced, finalShape);
    }

    public static bool SameShape(long[] a, long[] b) => a.AsSpan().SequenceEqual(b);
}
