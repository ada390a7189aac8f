using ModelAudit.Core.Analysis.Saliency;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;

namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>Occlusion results drawn over the picture.</summary>
public static class OcclusionMaps
{
    /// <summary>
    /// The positive part of the coverage heat (patches whose hiding lowered the score), projected onto the
    /// original image and blended over it: alpha * colormap(heat) + image, clipped.
    /// </summary>
    public static Image Overlay(OcclusionResult result, Image image, Colormap colormap, float alpha = 0.4f)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(image);
        var positive = result.Heat.Select(v => Math.Max(0f, v)).ToArray();
        var projected = MapProjection.ToImage(positive, result.Placement);
        return Heatmap.Superimpose(image, projected, image.Width, image.Height, colormap, alpha, min: 0f);
    }
}
