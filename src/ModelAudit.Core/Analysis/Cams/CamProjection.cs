using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Processing;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>Brings a layer-resolution map back onto the original image, for metrics and for display.</summary>
public static class CamProjection
{
    /// <summary>
    /// The map in original image pixels (row-major, ImageWidth x ImageHeight): upsampled bilinearly to the
    /// input tensor, the part of the tensor that shows the image cut out (padding dropped), resized to the
    /// original size. Where the image extends past the tensor (center-crop) the model saw nothing: 0.
    /// </summary>
    public static float[] ToImage(CamResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ToImage(result.Map, result.MapWidth, result.MapHeight, result.Placement, result.Placement.ImageWidth, result.Placement.ImageHeight);
    }

    /// <summary>The same projection onto the image drawn at another size (a thumbnail): width x height values, row-major.</summary>
    public static float[] ToImage(CamResult result, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ToImage(result.Map, result.MapWidth, result.MapHeight, result.Placement, width, height);
    }

    /// <summary>A layer-resolution map placed by <paramref name="p"/>, onto the image drawn at <paramref name="outWidth"/> x <paramref name="outHeight"/>.</summary>
    public static float[] ToImage(float[] map, int mapWidth, int mapHeight, ImagePlacement p, int outWidth, int outHeight)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(p);
        var tensorMap = Resizer.Resize(map, mapWidth, mapHeight, p.TensorWidth, p.TensorHeight);
        // The image occupies tensor pixels [offset, offset + size * scale); offsets are whole pixels.
        var width = Math.Max(1, (int)Math.Round(p.ImageWidth * p.ScaleX));
        var height = Math.Max(1, (int)Math.Round(p.ImageHeight * p.ScaleY));
        var x0 = (int)Math.Round(p.OffsetX);
        var y0 = (int)Math.Round(p.OffsetY);
        var content = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var ty = y + y0;
            if (ty < 0 || ty >= p.TensorHeight)
            {
                continue;
            }

            for (var x = 0; x < width; x++)
            {
                var tx = x + x0;
                if (tx >= 0 && tx < p.TensorWidth)
                {
                    content[(y * width) + x] = tensorMap[(ty * p.TensorWidth) + tx];
                }
            }
        }

        return Resizer.Resize(content, width, height, outWidth, outHeight);
    }

    /// <summary>
    /// The superimposed picture: the map on the original image, normalized by its maximum for display,
    /// colored, and added as <c>alpha * heat + image</c>, clipped. An all-zero map adds the colormap's lowest color.
    /// </summary>
    public static Image Overlay(Image original, CamResult result, Colormap colormap, float alpha = 0.4f)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(colormap);
        if (original.Width != result.Placement.ImageWidth || original.Height != result.Placement.ImageHeight)
        {
            throw new ArgumentException(
                $"the CAM of '{result.Image}' belongs to a {result.Placement.ImageWidth}x{result.Placement.ImageHeight} image, not {original.Width}x{original.Height}",
                nameof(original));
        }

        var map = ToImage(result);
        var max = 0f;
        foreach (var v in map)
        {
            max = float.IsFinite(v) ? Math.Max(max, v) : max;
        }

        var heat = Heatmap.ToRgba(map, original.Width, original.Height, colormap, 0f, max);
        return Blend.Overlay(original, heat, alpha);
    }
}
