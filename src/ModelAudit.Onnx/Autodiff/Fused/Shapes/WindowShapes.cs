using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused.Shapes;

/// <summary>Output shapes of the sliding-window operators (Conv, ConvTranspose, the pools), auto_pad included.</summary>
internal static class WindowShapes
{
    public static long[] Conv(NodeProto node, long[] x, long[] w)
    {
        var kernel = node.Ints("kernel_shape") ?? w[2..];
        return [x[0], w[0], .. Spatial(node, x[2..], kernel, ceil: false)];
    }

    public static long[] Pool(NodeProto node, long[] x)
    {
        var kernel = node.Ints("kernel_shape") ?? throw new ArgumentException("a pool without kernel_shape");
        return [x[0], x[1], .. Spatial(node, x[2..], kernel, ceil: node.Int("ceil_mode", 0) != 0)];
    }

    public static long[] ConvTranspose(NodeProto node, long[] x, long[] w)
    {
        var n = x.Length - 2;
        var kernel = node.Ints("kernel_shape") ?? w[2..];
        var channels = w[1] * node.Int("group", 1);
        if (node.Ints("output_shape") is { } given)
        {
            return [x[0], channels, .. given[^n..]];
        }

        var strides = node.Ints("strides") ?? Ones(n);
        var dilations = node.Ints("dilations") ?? Ones(n);
        var outputPadding = node.Ints("output_padding") ?? new long[n];
        var autoPad = node.Str("auto_pad", "NOTSET");
        var pads = autoPad is "NOTSET" ? node.Ints("pads") ?? new long[2 * n] : new long[2 * n];
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = autoPad is "SAME_UPPER" or "SAME_LOWER"
                ? x[2 + i] * strides[i]
                : (strides[i] * (x[2 + i] - 1)) + outputPadding[i] + (((kernel[i] - 1) * dilations[i]) + 1) - pads[i] - pads[n + i];
        }

        return [x[0], channels, .. result];
    }

    private static long[] Spatial(NodeProto node, long[] input, long[] kernel, bool ceil)
    {
        var n = kernel.Length;
        var strides = node.Ints("strides") ?? Ones(n);
        var dilations = node.Ints("dilations") ?? Ones(n);
        var autoPad = node.Str("auto_pad", "NOTSET");
        var pads = node.Ints("pads") ?? new long[2 * n];
        var result = new long[n];
        for (var i = 0; i < n; i++)
        {
            var extent = ((kernel[i] - 1) * dilations[i]) + 1;
            result[i] = autoPad switch
            {
                "SAME_UPPER" or "SAME_LOWER" => (input[i] + strides[i] - 1) / strides[i],
                "VALID" => ((input[i] - extent) / strides[i]) + 1,
                _ => Window(input[i] + pads[i] + pads[n + i] - extent, strides[i], ceil, input[i] + pads[i]),
            };
            if (result[i] <= 0)
            {
                throw new ArgumentException($"a window of {extent} does not fit an axis of {input[i]}");
            }
        }

        return result;
    }

    /// <summary>floor or ceil of span / stride, plus one; with ceil_mode the last window must start inside the input
    /// or its begin padding (the rule of PyTorch and ONNX Runtime).</summary>
    private static long Window(long span, long stride, bool ceil, long paddedStartLimit)
    {
        if (span < 0)
        {
            throw new ArgumentException("the window is larger than the padded axis");
        }

        if (!ceil)
        {
            return (span / stride) + 1;
        }

        var count = ((span + stride - 1) / stride) + 1;
        return (count - 1) * stride >= paddedStartLimit ? count - 1 : count;
    }

    private static long[] Ones(int n) => [.. Enumerable.Repeat(1L, n)];
}
