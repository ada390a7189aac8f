using System.Numerics.Tensors;

namespace ModelAudit.Imaging.Processing;

/// <summary>
/// Bilinear resizing with half-pixel centers (align_corners = false, as OpenCV INTER_LINEAR and PIL),
/// antialiased when shrinking: the triangle filter widens with the downscale factor, as PIL does, so
/// a large image shrunk to a thumbnail does not alias. An unchanged size is an exact copy.
/// </summary>
public static class Resizer
{
    /// <summary>Resizes interleaved data (HWC: <paramref name="channels"/> floats a pixel, rows top to bottom).</summary>
    public static void Bilinear(ReadOnlySpan<float> src, int srcW, int srcH, int channels, Span<float> dst, int dstW, int dstH)
    {
        CheckArguments(src.Length, srcW, srcH, channels, dst.Length, dstW, dstH);
        Separable(src, srcW, srcH, channels, dst, dstW, dstH);
    }

    /// <summary>Resizes planar data (CHW: one full plane per channel), each plane independently.</summary>
    public static void BilinearPlanar(ReadOnlySpan<float> src, int srcW, int srcH, int channels, Span<float> dst, int dstW, int dstH)
    {
        CheckArguments(src.Length, srcW, srcH, channels, dst.Length, dstW, dstH);
        int srcPlane = srcW * srcH;
        int dstPlane = dstW * dstH;
        for (int c = 0; c < channels; c++)
        {
            Separable(src.Slice(c * srcPlane, srcPlane), srcW, srcH, 1, dst.Slice(c * dstPlane, dstPlane), dstW, dstH);
        }
    }

    /// <summary>
    /// The RGB channels of an image (alpha ignored, as a model's input ignores it) resized into interleaved floats
    /// in 0..255 units, read row by row from the bytes: no full-size float copy. The result is bit-identical to
    /// converting the whole image to floats and calling <see cref="Bilinear"/>.
    /// </summary>
    public static void BilinearRgb(Image image, Span<float> dst, int dstW, int dstH)
    {
        ArgumentNullException.ThrowIfNull(image);
        CheckArguments((long)image.Width * image.Height * 3, image.Width, image.Height, 3, dst.Length, dstW, dstH);
        RowStreamedResize.Run(image, RowFormat.Rgb, dst, dstW, dstH);
    }

    /// <summary>Resizes a single-channel map, e.g. a 7x7 class-activation map up to the image size.</summary>
    public static float[] Resize(ReadOnlySpan<float> map, int width, int height, int newWidth, int newHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newHeight);
        var result = new float[checked(newWidth * newHeight)];
        Bilinear(map, width, height, 1, result, newWidth, newHeight);
        return result;
    }

    /// <summary>
    /// Resizes an RGBA image. Colors are filtered premultiplied by alpha (as PIL does) so the hidden
    /// color of transparent pixels never bleeds into visible ones.
    /// </summary>
    public static Image Resize(Image image, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (width == image.Width && height == image.Height)
        {
            return image.Clone();
        }

        var target = new float[checked(width * height * 4)];
        RowStreamedResize.Run(image, RowFormat.PremultipliedRgba, target, width, height);
        var result = new Image(width, height);
        RgbaFloat.FromPremultiplied(target, result.Pixels);
        return result;
    }

    private static void Separable(ReadOnlySpan<float> src, int srcW, int srcH, int channels, Span<float> dst, int dstW, int dstH)
    {
        if (srcW == dstW && srcH == dstH)
        {
            src.CopyTo(dst);
            return;
        }

        if (srcH == dstH)
        {
            Horizontal(src, srcW, srcH, channels, dst, dstW);
            return;
        }

        if (srcW == dstW)
        {
            Vertical(src, srcH, dstW * channels, dst, dstH);
            return;
        }

        var buffer = new float[checked(dstW * srcH * channels)];
        Horizontal(src, srcW, srcH, channels, buffer, dstW);
        Vertical(buffer, srcH, dstW * channels, dst, dstH);
    }

    private static void Horizontal(ReadOnlySpan<float> src, int srcW, int rows, int channels, Span<float> dst, int dstW)
    {
        var axis = ResampleAxis.Triangle(srcW, dstW);
        for (int y = 0; y < rows; y++)
        {
            HorizontalRow(axis, src.Slice(y * srcW * channels, srcW * channels), channels, dst.Slice(y * dstW * channels, dstW * channels));
        }
    }

    internal static void HorizontalRow(ResampleAxis axis, ReadOnlySpan<float> srcRow, int channels, Span<float> dstRow)
    {
        for (int x = 0; x < axis.First.Length; x++)
        {
            var weights = axis.WeightsOf(x);
            int first = axis.First[x] * channels;
            for (int c = 0; c < channels; c++)
            {
                float sum = 0;
                for (int k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * srcRow[first + (k * channels) + c];
                }

                dstRow[(x * channels) + c] = sum;
            }
        }
    }

    // Whole rows are blended at once, which is where TensorPrimitives' vectorized multiply-add pays.
    internal static void Vertical(ReadOnlySpan<float> src, int srcH, int rowLength, Span<float> dst, int dstH)
    {
        var axis = ResampleAxis.Triangle(srcH, dstH);
        for (int y = 0; y < dstH; y++)
        {
            var weights = axis.WeightsOf(y);
            var dstRow = dst.Slice(y * rowLength, rowLength);
            int first = axis.First[y];
            TensorPrimitives.Multiply(src.Slice(first * rowLength, rowLength), weights[0], dstRow);
            for (int k = 1; k < weights.Length; k++)
            {
                TensorPrimitives.MultiplyAdd(src.Slice((first + k) * rowLength, rowLength), weights[k], dstRow, dstRow);
            }
        }
    }

    private static void CheckArguments(long srcLength, int srcW, int srcH, int channels, int dstLength, int dstW, int dstH)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(srcW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(srcH);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dstW);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dstH);
        if (srcLength != (long)srcW * srcH * channels)
        {
            throw new ArgumentException($"Source has {srcLength} floats; {srcW}x{srcH}x{channels} needs {(long)srcW * srcH * channels}.", "src");
        }

        if (dstLength != (long)dstW * dstH * channels)
        {
            throw new ArgumentException($"Destination has {dstLength} floats; {dstW}x{dstH}x{channels} needs {(long)dstW * dstH * channels}.", "dst");
        }
    }
}
