using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;

namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>Turns a signed input gradient into something to look at.</summary>
public static class SaliencyMaps
{
    /// <summary>The usual saliency heat: max over channels of |gradient|, at the input tensor's H x W (row-major).</summary>
    public static float[] ToHeat(SaliencyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (channels, height, width) = result.Layout == TensorLayout.Nchw
            ? (result.Shape[0], result.Shape[1], result.Shape[2])
            : (result.Shape[2], result.Shape[0], result.Shape[1]);
        var plane = checked((int)(height * width));
        var heat = new float[plane];
        var g = result.Gradient;
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                var index = result.Layout == TensorLayout.Nchw ? (c * plane) + p : (p * (int)channels) + c;
                heat[p] = Math.Max(heat[p], Math.Abs(g[index]));
            }
        }

        return heat;
    }

    /// <summary>The heat projected onto the original image and blended over it (alpha * colormap(heat) + image, clipped).</summary>
    public static Image Overlay(SaliencyResult result, Image image, Colormap colormap, float alpha = 0.4f)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(image);
        var projected = MapProjection.ToImage(ToHeat(result), result.Placement);
        return Heatmap.Superimpose(image, projected, image.Width, image.Height, colormap, alpha, min: 0f);
    }
}
