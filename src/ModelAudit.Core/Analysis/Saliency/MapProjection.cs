using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>
/// Brings a map computed at the input tensor's resolution back onto the original picture: each image pixel
/// samples the map bilinearly where the preprocessing put it (tensor = image * scale + offset), so padding,
/// letterbox bars and cropped-away borders all land where they belong. Image pixels the tensor never saw
/// (cut off by a center crop) get 0, as the CAM projection does.
/// </summary>
internal static class MapProjection
{
    public static float[] ToImage(ReadOnlySpan<float> map, ImagePlacement placement)
    {
        int tw = placement.TensorWidth, th = placement.TensorHeight;
        if (map.Length != (long)tw * th)
        {
            throw new ArgumentException($"map has {map.Length} values; the tensor is {tw}x{th}", nameof(map));
        }

        int w = placement.ImageWidth, h = placement.ImageHeight;
        var result = new float[checked(w * h)];
        var xs = Axis(w, placement.ScaleX, placement.OffsetX, tw);
        var ys = Axis(h, placement.ScaleY, placement.OffsetY, th);
        for (var y = 0; y < h; y++)
        {
            var (y0, y1, fy, yInside) = ys[y];
            for (var x = 0; x < w; x++)
            {
                var (x0, x1, fx, xInside) = xs[x];
                if (!xInside || !yInside)
                {
                    continue;
                }

                var top = map[(y0 * tw) + x0] + ((map[(y0 * tw) + x1] - map[(y0 * tw) + x0]) * fx);
                var bottom = map[(y1 * tw) + x0] + ((map[(y1 * tw) + x1] - map[(y1 * tw) + x0]) * fx);
                result[(y * w) + x] = top + ((bottom - top) * fy);
            }
        }

        return result;
    }

    // Pixel centers: image pixel i covers [i, i+1), so its center i + 0.5 lands at tensor coordinate
    // (i + 0.5) * scale + offset, i.e. tensor index that - 0.5; clamped at the borders. A center outside
    // [0, tensorSize) in tensor coordinates is a pixel the model never saw.
    private static (int Low, int High, float Fraction, bool Inside)[] Axis(int size, double scale, double offset, int tensorSize)
    {
        var axis = new (int, int, float, bool)[size];
        for (var i = 0; i < size; i++)
        {
            var center = ((i + 0.5) * scale) + offset;
            var t = Math.Clamp(center - 0.5, 0, tensorSize - 1);
            var low = (int)Math.Floor(t);
            var high = Math.Min(low + 1, tensorSize - 1);
            axis[i] = (low, high, (float)(t - low), center >= 0 && center < tensorSize);
        }

        return axis;
    }
}
