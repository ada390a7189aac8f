namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// The data gradient of a stride-1 convolution as another Conv: dX = Conv(dY, W'), where W' swaps each
/// group's input and output channels and flips the kernel. It equals the ConvTranspose adjoint, but ONNX
/// Runtime's CPU Conv runs in its fast blocked layout while ConvTranspose does not, and most convolutions of
/// a backbone have stride 1. Strided convolutions and non-constant weights keep the ConvTranspose rule.
/// W' is written as Reshape/Transpose/Slice nodes over the constant W, not as a new initializer: ONNX Runtime
/// folds them once when the session opens, so the model carries no second copy of every kernel (on a ResNet-18,
/// reading, flipping and serializing that copy took about a second of every process that built the model).
/// </summary>
internal static class ConvDataGradient
{
    public static string? TryAsConv(GradientContext c, ConvGeometry geometry, long[] x, long[] y, long group)
    {
        // Constant weights only: ONNX Runtime folds the flip and prepacks the result once; a computed W would be
        // flipped again in every run and give the Conv kernels nothing to prepack.
        if (geometry.Strides.Any(s => s != 1) || !c.E.IsConstant(c.Node.Input[1]))
        {
            return null;
        }

        var n = geometry.Rank;
        var begin = new long[n];
        var end = new long[n];
        var cropStarts = new long[n];
        var crop = false;
        for (var i = 0; i < n; i++)
        {
            // dX[x] = sum_t dY[x - (d(k-1) - pb) + t d] Wflip[t]: a Conv with these pads yields exactly x[i] outputs.
            // A forward pad wider than the kernel's reach makes a pad negative: pad 0 instead and crop the
            // extra outputs (input positions only padding touched).
            begin[i] = ((geometry.Kernel[i] - 1) * geometry.Dilations[i]) - geometry.PadBegin[i];
            end[i] = x[i] - y[i] + geometry.PadBegin[i];
            if (begin[i] < 0)
            {
                cropStarts[i] = -begin[i];
                begin[i] = 0;
                crop = true;
            }

            if (end[i] < 0)
            {
                end[i] = 0;
                crop = true;
            }
        }

        var dx = c.E.Op(
            "Conv",
            [c.Dy, FlippedWeights(c.E, c.In(1), c.InShape(1), group)],
            Attr.Ints("kernel_shape", geometry.Kernel),
            Attr.Ints("dilations", geometry.Dilations),
            Attr.Ints("pads", [.. begin, .. end]),
            Attr.Int("group", group));
        if (!crop)
        {
            return dx;
        }

        var axes = Enumerable.Range(2, n).Select(a => (long)a).ToArray();
        var ends = cropStarts.Select((start, i) => start + x[i]).ToArray();
        return c.E.Op("Slice", [dx, c.E.Ints(cropStarts), c.E.Ints(ends), c.E.Ints(axes)]);
    }

    /// <summary>W [M, C/g, k...] to W' [C, M/g, k...] with W'[g*C/g + c, m, k-1-t] = W[g*M/g + m, c, t].</summary>
    private static string FlippedWeights(BackwardEmitter e, string w, long[] shape, long group)
    {
        long outPerGroup = shape[0] / group, inPerGroup = shape[1];
        var kernel = shape[2..];
        var spatial = Enumerable.Range(2, kernel.Length).Select(a => (long)a).ToArray();
        string swapped;
        if (group == 1)
        {
            swapped = e.Op("Transpose", [w], Attr.Ints("perm", [1, 0, .. spatial]));
        }
        else
        {
            // [g, M/g, C/g, k...] -> [g, C/g, M/g, k...]: the swap stays inside each group.
            var grouped = e.Reshape(w, [group, outPerGroup, inPerGroup, .. kernel]);
            var transposed = e.Op("Transpose", [grouped], Attr.Ints("perm", [0, 2, 1, .. spatial.Select(a => a + 1)]));
            swapped = e.Reshape(transposed, [group * inPerGroup, outPerGroup, .. kernel]);
        }

        // Step -1 from the last element to before the first reverses an axis; axes of length 1 need no reversal.
        var axes = spatial.Where(a => kernel[a - 2] > 1).ToArray();
        if (axes.Length == 0)
        {
            return swapped;
        }

        var minusOnes = Enumerable.Repeat(-1L, axes.Length).ToArray();
        return e.Op("Slice", [swapped, e.Ints(minusOnes), e.Ints(Enumerable.Repeat(long.MinValue, axes.Length).ToArray()), e.Ints(axes), e.Ints(minusOnes)]);
    }
}
