using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Spatial bookkeeping shared by Conv, the pools and ConvTranspose: attribute defaults, auto_pad resolved to explicit
/// begin/end pads from static shapes, and the ConvTranspose that is the exact adjoint of a strided window op.
/// </summary>
internal sealed class ConvGeometry
{
    private ConvGeometry(long[] kernel, long[] strides, long[] dilations, long[] padBegin, long[] padEnd)
    {
        Kernel = kernel;
        Strides = strides;
        Dilations = dilations;
        PadBegin = padBegin;
        PadEnd = padEnd;
    }

    public long[] Kernel { get; }

    public long[] Strides { get; }

    public long[] Dilations { get; }

    public long[] PadBegin { get; }

    public long[] PadEnd { get; }

    public int Rank => Kernel.Length;

    /// <summary>Geometry of a window op (Conv or pool) mapping spatial <paramref name="input"/> to <paramref name="output"/>.</summary>
    public static ConvGeometry ForWindow(NodeProto node, long[] kernel, long[] input, long[] output)
    {
        var n = kernel.Length;
        var strides = node.Ints("strides") ?? Ones(n);
        var dilations = node.Ints("dilations") ?? Ones(n);
        var begin = new long[n];
        var end = new long[n];
        var autoPad = node.Str("auto_pad", "NOTSET");
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            for (var i = 0; i < n; i++)
            {
                var total = Math.Max(0, ((output[i] - 1) * strides[i]) + Extent(kernel[i], dilations[i]) - input[i]);
                begin[i] = autoPad == "SAME_LOWER" ? total - (total / 2) : total / 2;
                end[i] = total - begin[i];
            }
        }
        else if (autoPad != "VALID" && node.Ints("pads") is { } pads)
        {
            Array.Copy(pads, 0, begin, 0, n);
            Array.Copy(pads, n, end, 0, n);
        }

        return new ConvGeometry(kernel, strides, dilations, begin, end);
    }

    /// <summary>Geometry of a forward ConvTranspose, with ONNX Runtime's split of the padding it derives from
    /// output_shape or SAME auto_pad: an odd total puts the extra element at the end for SAME_UPPER and at the
    /// beginning otherwise (ONNX Runtime 1.30; older releases split the other way).</summary>
    public static ConvGeometry ForTranspose(NodeProto node, long[] kernel, long[] input, long[] output)
    {
        var n = kernel.Length;
        var strides = node.Ints("strides") ?? Ones(n);
        var dilations = node.Ints("dilations") ?? Ones(n);
        var outputPadding = node.Ints("output_padding") ?? new long[n];
        var begin = new long[n];
        var end = new long[n];
        var autoPad = node.Str("auto_pad", "NOTSET");
        if (node.Find("output_shape") is not null || autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            for (var i = 0; i < n; i++)
            {
                var total = Math.Max(0, ((input[i] - 1) * strides[i]) + outputPadding[i] + Extent(kernel[i], dilations[i]) - output[i]);
                begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - (total / 2);
                end[i] = total - begin[i];
            }
        }
        else if (autoPad != "VALID" && node.Ints("pads") is { } pads)
        {
            Array.Copy(pads, 0, begin, 0, n);
            Array.Copy(pads, n, end, 0, n);
        }

        return new ConvGeometry(kernel, strides, dilations, begin, end);
    }

    public static long Extent(long kernel, long dilation) => ((kernel - 1) * dilation) + 1;

    /// <summary>
    /// The adjoint of this window op as ConvTranspose attributes: same strides/dilations, explicit pads and the
    /// output_padding that restores the input size. A negative output_padding (ceil_mode windows reaching past the
    /// padding) becomes extra end padding, which ConvTranspose crops.
    /// </summary>
    public AttributeProto[] TransposeAttributes(long[] input, long[] output, long group)
    {
        var endPads = (long[])PadEnd.Clone();
        var outputPadding = new long[Rank];
        for (var i = 0; i < Rank; i++)
        {
            var padding = input[i] + PadBegin[i] + PadEnd[i] - (((output[i] - 1) * Strides[i]) + Extent(Kernel[i], Dilations[i]));
            if (padding >= 0)
            {
                outputPadding[i] = padding;
            }
            else
            {
                endPads[i] -= padding;
            }
        }

        return
        [
            Attr.Ints("kernel_shape", Kernel),
            Attr.Ints("strides", Strides),
            Attr.Ints("dilations", Dilations),
            Attr.Ints("pads", [.. PadBegin, .. endPads]),
            Attr.Ints("output_padding", outputPadding),
            Attr.Int("group", group),
        ];
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
