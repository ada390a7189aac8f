using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// One image of the model's input tensor seen as pixels: tensor = (pixel * scale - mean[c]) / std[c]
/// per tensor channel, so the ascent can start, step and end in 0..255 units while it runs in tensor units.
/// </summary>
internal sealed class InputSpace
{
    private readonly PreprocessSpec spec;

    public InputSpace(PreprocessSpec spec, string modelName)
    {
        if (spec.Scale == 0f || !float.IsFinite(spec.Scale))
        {
            throw new ModelAuditException($"{modelName}: scale {spec.Scale} makes every input the same; the ascent needs a non-zero scale");
        }

        this.spec = spec;
        Plane = spec.Width * spec.Height;
        Count = spec.ChannelCount * Plane;
    }

    public int Width => spec.Width;

    public int Height => spec.Height;

    public int Channels => spec.ChannelCount;

    public int Plane { get; }

    /// <summary>Floats per image.</summary>
    public int Count { get; }

    public int Index(int channel, int pixel) =>
        spec.Layout == TensorLayout.Nchw ? (channel * Plane) + pixel : (pixel * spec.ChannelCount) + channel;

    public float ToTensor(float pixel, int channel) => ((pixel * spec.Scale) - Mean(channel)) / Std(channel);

    public float ToPixel(float tensor, int channel) => ((tensor * Std(channel)) + Mean(channel)) / spec.Scale;

    /// <summary>How far one pixel level moves a tensor value of this channel.</summary>
    public float PixelLevel(int channel) => spec.Scale / Std(channel);

    /// <summary>Grey plus uniform noise, rand * 20 + 128 per element, drawn in channel, row, column order so the layout does not change the picture.</summary>
    public void FillGreyNoise(Span<float> image, Random random)
    {
        for (var c = 0; c < Channels; c++)
        {
            for (var p = 0; p < Plane; p++)
            {
                image[Index(c, p)] = ToTensor((float)(random.NextDouble() * 20) + 128f, c);
            }
        }
    }

    public void FillGrey(Span<float> image)
    {
        for (var c = 0; c < Channels; c++)
        {
            for (var p = 0; p < Plane; p++)
            {
                image[Index(c, p)] = ToTensor(128f, c);
            }
        }
    }

    public void CopyPlane(ReadOnlySpan<float> image, int channel, Span<float> plane)
    {
        for (var p = 0; p < Plane; p++)
        {
            plane[p] = image[Index(channel, p)];
        }
    }

    public void WritePlane(ReadOnlySpan<float> plane, int channel, Span<float> image)
    {
        for (var p = 0; p < Plane; p++)
        {
            image[Index(channel, p)] = plane[p];
        }
    }

    /// <summary>The tensor in channel, height, width order.</summary>
    public float[] ToChw(ReadOnlySpan<float> image)
    {
        var chw = new float[Count];
        for (var c = 0; c < Channels; c++)
        {
            CopyPlane(image, c, chw.AsSpan(c * Plane, Plane));
        }

        return chw;
    }

    /// <summary>
    /// The book's deprocessing on the image in pixel units: center, scale to std 0.1, shift to 0.5, clip to
    /// 0..1, times 255 truncated to bytes. Mean and std are taken over the whole image, all channels.
    /// </summary>
    public Image Deprocess(ReadOnlySpan<float> image)
    {
        var pixels = new double[Count];
        for (var c = 0; c < Channels; c++)
        {
            for (var p = 0; p < Plane; p++)
            {
                pixels[(c * Plane) + p] = ToPixel(image[Index(c, p)], c);
            }
        }

        var mean = pixels.Average();
        var std = Math.Sqrt(pixels.Average(v => (v - mean) * (v - mean)));
        var picture = new Image(Width, Height);
        var rgba = picture.Pixels;
        for (var p = 0; p < Plane; p++)
        {
            rgba[(p * 4) + 3] = 255;
        }

        for (var c = 0; c < Channels; c++)
        {
            // Tensor channel c of a BGR model holds the image's channel 2 - c; a grey model fills all three.
            var target = Channels == 1 ? -1 : spec.Channels == ChannelOrder.Bgr ? 2 - c : c;
            for (var p = 0; p < Plane; p++)
            {
                var v = ((pixels[(c * Plane) + p] - mean) / (std + 1e-5) * 0.1) + 0.5;
                var b = (byte)(Math.Clamp(v, 0, 1) * 255);
                if (target < 0)
                {
                    rgba[p * 4] = rgba[(p * 4) + 1] = rgba[(p * 4) + 2] = b;
                }
                else
                {
                    rgba[(p * 4) + target] = b;
                }
            }
        }

        return picture;
    }

    private float Mean(int channel) => spec.Mean[spec.Mean.Count == 1 ? 0 : channel];

    private float Std(int channel) => spec.Std[spec.Std.Count == 1 ? 0 : channel];
}
