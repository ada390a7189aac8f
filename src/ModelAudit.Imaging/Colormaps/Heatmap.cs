using ModelAudit.Imaging.Drawing;
using ModelAudit.Imaging.Processing;

namespace ModelAudit.Imaging.Colormaps;

/// <summary>Turns a 2-D map of numbers into an opaque color image through a colormap.</summary>
public static class Heatmap
{
    /// <summary>
    /// Maps [min, max] linearly onto the colormap. Bounds left null come from the map's finite values.
    /// A constant map (max == min) is drawn in the lowest color, and NaN pixels take the lowest color
    /// too: the result never depends on a division by zero.
    /// </summary>
    public static Image ToRgba(ReadOnlySpan<float> map, int width, int height, Colormap colormap, float? min = null, float? max = null)
    {
        ArgumentNullException.ThrowIfNull(colormap);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (map.Length != (long)width * height)
        {
            throw new ArgumentException($"Map has {map.Length} values; {width}x{height} needs {(long)width * height}.", nameof(map));
        }

        var (low, high) = FiniteRange(map);
        low = min ?? low;
        high = max ?? high;
        float range = high - low;
        float scale = range > 0 && float.IsFinite(range) ? 1f / range : 0f;

        var image = new Image(width, height);
        var pixels = image.Pixels;
        for (int i = 0; i < map.Length; i++)
        {
            // scale == 0 sends every value to 0 (lowest color); NaN compares false and lands there too.
            Rgba color = colormap.Map((map[i] - low) * scale);
            pixels[i * 4] = color.R;
            pixels[(i * 4) + 1] = color.G;
            pixels[(i * 4) + 2] = color.B;
            pixels[(i * 4) + 3] = 255;
        }

        return image;
    }

    /// <summary>
    /// The superimpose of "Deep Learning with Python" in one call: the low-resolution map upsampled
    /// bilinearly to the image, colored over [min, max] (its own range when null), and added onto the
    /// image as <c>alpha * heat + image</c>, clipped.
    /// </summary>
    public static Image Superimpose(Image image, ReadOnlySpan<float> map, int width, int height, Colormap colormap, float alpha = 0.4f, float? min = null, float? max = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var upsampled = Resizer.Resize(map, width, height, image.Width, image.Height);
        var heat = ToRgba(upsampled, image.Width, image.Height, colormap, min, max);
        return Blend.Overlay(image, heat, alpha);
    }

    private static (float Min, float Max) FiniteRange(ReadOnlySpan<float> map)
    {
        float low = float.PositiveInfinity;
        float high = float.NegativeInfinity;
        foreach (float v in map)
        {
            if (float.IsFinite(v))
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }

        return low <= high ? (low, high) : (0f, 0f);
    }
}
