namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>MaxPool (exact, through recomputed indices), AveragePool (a depthwise ConvTranspose of ones divided by the
/// window counts), and the global pools.</summary>
internal static class PoolRules
{
    public static string?[] MaxPool(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0);
        var y = c.OutShape(0);
        var kernel = c.Node.Ints("kernel_shape") ?? throw c.Unsupported("kernel_shape is missing");
        var geometry = ConvGeometry.ForWindow(c.Node, kernel, x[2..], y[2..]);
        // storage_order only changes the forward's Indices output; the recomputed one is row-major (the default).
        var attributes = new List<Proto.AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel),
            Attr.Ints("strides", geometry.Strides),
            Attr.Ints("pads", [.. geometry.PadBegin, .. geometry.PadEnd]),
            Attr.Int("ceil_mode", c.Node.Int("ceil_mode", 0)),
        };
        if (c.Opset >= 10)
        {
            attributes.Add(Attr.Ints("dilations", geometry.Dilations));
        }

        var outputs = e.OpN("MaxPool", [c.In(0)], 2, [.. attributes]);
        var total = RuleHelpers.Product(x);
        // Windows that never overlap send each input at most one gradient, so a plain scatter is exact (and stays
        // on the GPU under DirectML, where the "add" reduction falls back to the CPU).
        var overlapping = !kernel.SequenceEqual(geometry.Strides) || geometry.Dilations.Any(d => d != 1);
        var scattered = e.Op(
            "ScatterElements",
            [e.Zeros([total]), e.Reshape(outputs[1], [-1]), e.Reshape(c.Dy, [-1])],
            Attr.Int("axis", 0),
            Attr.Str("reduction", overlapping ? "add" : "none"));
        return c.First(e.Reshape(scattered, x));
    }

    public static string?[] AveragePool(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0);
        var y = c.OutShape(0);
        var kernel = c.Node.Ints("kernel_shape") ?? throw c.Unsupported("kernel_shape is missing");
        var geometry = ConvGeometry.ForWindow(c.Node, kernel, x[2..], y[2..]);
        var includePad = c.Node.Int("count_include_pad", 0) != 0;
        var inverseCounts = InverseCounts(geometry, x[2..], y[2..], includePad);
        var scaled = e.Mul(c.Dy, e.Floats(inverseCounts, [1, 1, .. y[2..]]));
        var channels = x[1];
        var ones = Enumerable.Repeat(1f, (int)(channels * RuleHelpers.Product(kernel))).ToArray();
        var weights = e.Floats(ones, [channels, 1, .. kernel]);
        var attributes = geometry.TransposeAttributes(x[2..], y[2..], channels);
        return c.First(e.Op("ConvTranspose", [scaled, weights], attributes));
    }

    public static string?[] GlobalAveragePool(GradientContext c)
    {
        var x = c.InShape(0);
        var scaled = c.E.Scale(c.Dy, 1f / RuleHelpers.Product(x[2..]));
        return c.First(c.E.Op("Expand", [scaled, c.E.Ints(x)]));
    }

    /// <summary>GlobalMaxPool, ReduceMax, ReduceMin: every position equal to the extremum gets the gradient.</summary>
    public static string?[] AtExtremum(GradientContext c, string dyKeptDims, string yKeptDims)
    {
        var mask = c.E.Op("Equal", [c.In(0), yKeptDims]);
        var expanded = c.E.Op("Expand", [dyKeptDims, c.E.Ints(c.InShape(0))]);
        return c.First(c.Masked(mask, expanded));
    }

    public static string?[] GlobalMaxPool(GradientContext c) => AtExtremum(c, c.Dy, c.Out(0));

    /// <summary>1/count per output position, where count is the number of taps averaged by ONNX Runtime: those inside
    /// the input, or inside the padded input when padding counts.</summary>
    private static float[] InverseCounts(ConvGeometry g, long[] input, long[] output, bool includePad)
    {
        var perAxis = new long[g.Rank][];
        for (var axis = 0; axis < g.Rank; axis++)
        {
            perAxis[axis] = new long[output[axis]];
            for (long o = 0; o < output[axis]; o++)
            {
                long count = 0;
                for (long k = 0; k < g.Kernel[axis]; k++)
                {
                    var tap = (o * g.Strides[axis]) - g.PadBegin[axis] + (k * g.Dilations[axis]);
                    var low = includePad ? -g.PadBegin[axis] : 0;
                    var high = includePad ? input[axis] + g.PadEnd[axis] : input[axis];
                    count += tap >= low && tap < high ? 1 : 0;
                }

                perAxis[axis][o] = count;
            }
        }

        var result = new float[RuleHelpers.Product(output)];
        for (var flat = 0; flat < result.Length; flat++)
        {
            long remainder = flat, count = 1;
            for (var axis = g.Rank - 1; axis >= 0; axis--)
            {
                count *= perAxis[axis][remainder % output[axis]];
                remainder /= output[axis];
            }

            result[flat] = count == 0 ? 0f : 1f / count;
        }

        return result;
    }
}
