using ModelAudit.Imaging;
using ModelAudit.Imaging.Processing;

namespace ModelAudit.Core.Preprocessing;

/// <summary>Turns images into model input tensors as a <see cref="PreprocessSpec"/> says.</summary>
public static class Preprocessor
{
    /// <summary>Writes one image's tensor (C*H*W or H*W*C floats) into <paramref name="destination"/>.</summary>
    public static ImagePlacement Fill(Image image, PreprocessSpec spec, Span<float> destination)
    {
        var count = spec.ChannelCount * spec.Width * spec.Height;
        if (destination.Length != count)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats, the spec needs {count}", nameof(destination));
        }

        var (canvas, placement) = Fit(image, spec);
        Normalize(canvas, spec, destination);
        return placement;
    }

    /// <summary>A batch tensor [N, ...] for several images, with each image's placement.</summary>
    public static (float[] Data, long[] Shape, IReadOnlyList<ImagePlacement> Placements) Batch(IReadOnlyList<Image> images, PreprocessSpec spec)
    {
        var per = spec.ChannelCount * spec.Width * spec.Height;
        var data = new float[checked(per * images.Count)];
        var placements = new ImagePlacement[images.Count];
        for (var i = 0; i < images.Count; i++)
        {
            placements[i] = Fill(images[i], spec, data.AsSpan(i * per, per));
        }

        return (data, Shape(spec, images.Count), placements);
    }

    public static long[] Shape(PreprocessSpec spec, int batch) => spec.Layout == TensorLayout.Nchw
        ? [batch, spec.ChannelCount, spec.Height, spec.Width]
        : [batch, spec.Height, spec.Width, spec.ChannelCount];

    /// <summary>
    /// Where an image of this size lands in the input, from its size alone: the layer is chosen from image sizes
    /// (read from file headers) before any image is decoded, with the same arithmetic that later places the pixels.
    /// </summary>
    public static ImagePlacement Place(int width, int height, PreprocessSpec spec)
    {
        var (rw, rh, ox, oy) = Resized(width, height, spec);
        return new ImagePlacement(width, height, spec.Width, spec.Height, (double)rw / width, (double)rh / height, ox, oy);
    }

    /// <summary>The resized image's size and its offset in the target canvas, per resize mode.</summary>
    private static (int Width, int Height, double OffsetX, double OffsetY) Resized(int w, int h, PreprocessSpec spec)
    {
        int tw = spec.Width, th = spec.Height;
        switch (spec.Resize)
        {
            case ResizeMode.Stretch:
                return (tw, th, 0, 0);
            case ResizeMode.Letterbox:
            {
                var s = Math.Min((double)tw / w, (double)th / h);
                var rw = Math.Clamp((int)Math.Round(w * s), 1, tw);
                var rh = Math.Clamp((int)Math.Round(h * s), 1, th);
                return (rw, rh, (tw - rw) / 2, (th - rh) / 2);
            }

            case ResizeMode.Pad:
                // PaddleOCR's classifier feed: full target height, width by the aspect ratio, capped at the
                // target width (longer lines are squeezed, as PaddleOCR does), the rest padded on the right.
                return (Math.Clamp((int)Math.Ceiling((th * (double)w / h) - 1e-9), 1, tw), th, 0, 0);

            case ResizeMode.CenterCrop:
            {
                var s = Math.Max((double)tw / w, (double)th / h);
                var rw = Math.Max(tw, (int)Math.Round(w * s));
                var rh = Math.Max(th, (int)Math.Round(h * s));
                return (rw, rh, -((rw - tw) / 2), -((rh - th) / 2));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Resize, "unknown resize mode");
        }
    }

    /// <summary>Resizes and pads the image into an RGB float canvas of the target size (0..255 units).</summary>
    internal static (float[] Rgb, ImagePlacement Placement) Fit(Image image, PreprocessSpec spec)
    {
        int tw = spec.Width, th = spec.Height;
        var (rw, rh, ox, oy) = Resized(image.Width, image.Height, spec);
        // Straight from the bytes: a full-size float copy of a 4000x4000 photo would be 192 MB per image.
        var resized = new float[checked(rw * rh * 3)];
        Resizer.BilinearRgb(image, resized, rw, rh);

        var canvas = new float[tw * th * 3];
        canvas.AsSpan().Fill(spec.PadValue);
        var ix = (int)ox;
        var iy = (int)oy;
        for (var y = 0; y < th; y++)
        {
            var ry = y - iy;
            if (ry < 0 || ry >= rh)
            {
                continue;
            }

            var x0 = Math.Max(0, ix);
            var x1 = Math.Min(tw, ix + rw);
            if (x1 > x0)
            {
                resized.AsSpan(((ry * rw) + (x0 - ix)) * 3, (x1 - x0) * 3).CopyTo(canvas.AsSpan(((y * tw) + x0) * 3));
            }
        }

        return (canvas, Place(image.Width, image.Height, spec));
    }

    private static void Normalize(float[] rgb, PreprocessSpec spec, Span<float> destination)
    {
        int plane = spec.Width * spec.Height, channels = spec.ChannelCount;
        for (var c = 0; c < channels; c++)
        {
            // Channel c of the tensor reads source channel src (BGR swaps red and blue).
            var src = spec.Channels == ChannelOrder.Bgr && channels == 3 ? 2 - c : c;
            var mean = spec.Mean[spec.Mean.Count == 1 ? 0 : c];
            var std = spec.Std[spec.Std.Count == 1 ? 0 : c];
            for (var p = 0; p < plane; p++)
            {
                var pixel = channels == 1
                    ? (0.299f * rgb[p * 3]) + (0.587f * rgb[(p * 3) + 1]) + (0.114f * rgb[(p * 3) + 2])
                    : rgb[(p * 3) + src];
                var value = ((pixel * spec.Scale) - mean) / std;
                destination[spec.Layout == TensorLayout.Nchw ? (c * plane) + p : (p * channels) + c] = value;
            }
        }
    }
}
