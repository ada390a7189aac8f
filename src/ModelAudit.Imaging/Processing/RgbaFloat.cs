namespace ModelAudit.Imaging.Processing;

/// <summary>Conversions between RGBA bytes and premultiplied float RGBA for filtering.</summary>
internal static class RgbaFloat
{
    public static void ToPremultiplied(ReadOnlySpan<byte> rgba, Span<float> result)
    {
        for (int i = 0; i < rgba.Length; i += 4)
        {
            float alpha = rgba[i + 3] / 255f;
            result[i] = rgba[i] * alpha;
            result[i + 1] = rgba[i + 1] * alpha;
            result[i + 2] = rgba[i + 2] * alpha;
            result[i + 3] = rgba[i + 3];
        }
    }

    /// <summary>The colour channels as floats, alpha dropped: what a model's input reads.</summary>
    public static void ToRgb(ReadOnlySpan<byte> rgba, Span<float> rgb)
    {
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
    }

    public static void FromPremultiplied(ReadOnlySpan<float> premultiplied, Span<byte> rgba)
    {
        for (int i = 0; i < premultiplied.Length; i += 4)
        {
            byte alpha = ToByte(premultiplied[i + 3]);
            rgba[i + 3] = alpha;
            if (alpha == 0)
            {
                rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
                continue;
            }

            float unscale = 255f / premultiplied[i + 3];
            rgba[i] = ToByte(premultiplied[i] * unscale);
            rgba[i + 1] = ToByte(premultiplied[i + 1] * unscale);
            rgba[i + 2] = ToByte(premultiplied[i + 2] * unscale);
        }
    }

    /// <summary>Rounds half up and saturates, so filter overshoot never wraps around.</summary>
    public static byte ToByte(float value) =>
        value >= 254.5f ? (byte)255 : value > 0 ? (byte)(value + 0.5f) : (byte)0;
}
