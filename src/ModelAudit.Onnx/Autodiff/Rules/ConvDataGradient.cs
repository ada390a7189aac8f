using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// The data gradient of a stride-1 convolution as another Conv: dX = Conv(dY, W'), where W' swaps each
/// group's input and output channels and flips the kernel. It equals the ConvTranspose adjoint, but ONNX
/// Runtime's CPU Conv runs in its fast blocked layout while ConvTranspose does not, and most convolutions of
/// a backbone have stride 1. Strided convolutions and non-constant weights keep the ConvTranspose rule.
/// </summary>
internal static class ConvDataGradient
{
    public static string? TryAsConv(GradientContext c, ConvGeometry geometry, long[] x, long[] y, long group)
    {
        if (geometry.Strides.Any(s => s != 1) || !c.E.TryConstant(c.Node.Input[1], out var weights))
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

        var shape = TensorValues.Shape(weights);
        var flipped = FlipAndSwap(TensorValues.ToDoubles(weights), shape, group, out var flippedShape);
        var dx = c.E.Op(
            "Conv",
            [c.Dy, c.E.Floats(flipped, flippedShape)],
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
    internal static float[] FlipAndSwap(double[] w, long[] shape, long group, out long[] flippedShape)
    {
        long outChannels = shape[0], inPerGroup = shape[1];
        var outPerGroup = outChannels / group;
        var kernel = (int)shape.Skip(2).Aggregate(1L, (a, b) => a * b);
        flippedShape = [inPerGroup * group, outPerGroup, .. shape[2..]];
        var result = new float[w.Length];
        for (long g = 0; g < group; g++)
        {
            for (long m = 0; m < outPerGroup; m++)
            {
                for (long c = 0; c < inPerGroup; c++)
                {
                    var source = (((g * outPerGroup) + m) * inPerGroup + c) * kernel;
                    var target = (((g * inPerGroup) + c) * outPerGroup + m) * kernel;
                    for (var t = 0; t < kernel; t++)
                    {
                        // Reversing the flattened kernel reverses every spatial axis at once.
                        result[target + kernel - 1 - t] = (float)w[source + t];
                    }
                }
            }
        }

        return result;
    }
}
