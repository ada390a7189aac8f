namespace ModelAudit.Imaging.Processing;

/// <summary>Combines two images of the same size into a new one; the inputs are left untouched.</summary>
public static class Blend
{
    /// <summary>
    /// The superimpose of "Deep Learning with Python": alpha * heat + image per color channel, clipped
    /// to 255. The image is not dimmed, so the heat adds on top; the base image's alpha is kept.
    /// </summary>
    public static Image Overlay(Image baseImage, Image heat, float alpha)
    {
        CheckPair(baseImage, heat);
        CheckUnit(alpha, nameof(alpha), allowAboveOne: true);
        var result = baseImage.Clone();
        var dst = result.Pixels;
        var add = heat.Pixels;
        for (int i = 0; i < dst.Length; i += 4)
        {
            dst[i] = RgbaFloat.ToByte(dst[i] + (alpha * add[i]));
            dst[i + 1] = RgbaFloat.ToByte(dst[i + 1] + (alpha * add[i + 1]));
            dst[i + 2] = RgbaFloat.ToByte(dst[i + 2] + (alpha * add[i + 2]));
        }

        return result;
    }

    /// <summary>
    /// Porter-Duff "source over" with straight (non-premultiplied) alpha: <paramref name="foreground"/>,
    /// its alpha scaled by <paramref name="opacity"/>, drawn over <paramref name="background"/>.
    /// </summary>
    public static Image Over(Image background, Image foreground, float opacity = 1f)
    {
        CheckPair(background, foreground);
        CheckUnit(opacity, nameof(opacity), allowAboveOne: false);
        var result = background.Clone();
        var dst = result.Pixels;
        var src = foreground.Pixels;
        for (int i = 0; i < dst.Length; i += 4)
        {
            float top = src[i + 3] / 255f * opacity;
            float bottom = dst[i + 3] / 255f * (1f - top);
            float total = top + bottom;
            if (total <= 0f)
            {
                dst[i] = dst[i + 1] = dst[i + 2] = dst[i + 3] = 0;
                continue;
            }

            for (int c = 0; c < 3; c++)
            {
                dst[i + c] = RgbaFloat.ToByte(((src[i + c] * top) + (dst[i + c] * bottom)) / total);
            }

            dst[i + 3] = RgbaFloat.ToByte(total * 255f);
        }

        return result;
    }

    private static void CheckPair(Image first, Image second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Width != second.Width || first.Height != second.Height)
        {
            throw new ArgumentException(
                $"Images must have the same size to blend: {first.Width}x{first.Height} and {second.Width}x{second.Height}; resize the second first.");
        }
    }

    private static void CheckUnit(float value, string name, bool allowAboveOne)
    {
        if (!float.IsFinite(value) || value < 0f || (!allowAboveOne && value > 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, allowAboveOne ? "Must be finite and not negative." : "Must be between 0 and 1.");
        }
    }
}
