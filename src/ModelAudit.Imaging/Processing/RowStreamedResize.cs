namespace ModelAudit.Imaging.Processing;

/// <summary>How an image's bytes are read as floats for a resize.</summary>
internal enum RowFormat
{
    /// <summary>Red, green, blue; alpha dropped (model input).</summary>
    Rgb,

    /// <summary>Red, green, blue multiplied by alpha, then alpha (display: transparent colour never bleeds).</summary>
    PremultipliedRgba,
}

/// <summary>
/// <see cref="Resizer"/>'s separable resize read straight from an image's bytes, one source row at a time: a row
/// becomes floats only while the horizontal pass reads it, so a 4000x4000 photo never exists as a full-size
/// float copy (192 MB as RGB, 256 MB as RGBA). The one buffer is target width by source height (10 MB for a
/// 224-wide input of that photo). Each float is computed by the same operations in the same order as converting
/// the whole image first and resizing that, so the results are bit-identical to the float path.
/// </summary>
internal static class RowStreamedResize
{
    public static void Run(Image image, RowFormat format, Span<float> dst, int dstW, int dstH)
    {
        int srcW = image.Width, srcH = image.Height, channels = format == RowFormat.Rgb ? 3 : 4;
        int rowIn = srcW * channels, rowOut = dstW * channels;
        // Rows land in the destination when the height stays, else in the intermediate the vertical pass reads.
        var horizontal = srcH == dstH ? dst : new float[checked(rowOut * srcH)];
        var axis = srcW == dstW ? null : ResampleAxis.Triangle(srcW, dstW);
        var scratch = axis is null ? null : new float[rowIn];
        for (int y = 0; y < srcH; y++)
        {
            var target = horizontal.Slice(y * rowOut, rowOut);
            var converted = scratch is null ? target : scratch.AsSpan();
            var bytes = image.Row(y);
            if (format == RowFormat.Rgb)
            {
                RgbaFloat.ToRgb(bytes, converted);
            }
            else
            {
                RgbaFloat.ToPremultiplied(bytes, converted);
            }

            if (axis is not null)
            {
                Resizer.HorizontalRow(axis, converted, channels, target);
            }
        }

        if (srcH != dstH)
        {
            Resizer.Vertical(horizontal, srcH, rowOut, dst, dstH);
        }
    }
}
