using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Audit.Layers;

/// <summary>
/// Input pixels per image pixel, per axis, from the image's size alone: the scale <see cref="Preprocessor"/> gives
/// <see cref="ImagePlacement"/> when it fits the pixels, known here before any image is decoded so the layer can be
/// chosen first. Kept equal to it by a test over every resize mode.
/// </summary>
internal static class ImageScale
{
    public static (double X, double Y) Of(int width, int height, PreprocessSpec spec)
    {
        int tw = spec.Width, th = spec.Height;
        var (rw, rh) = spec.Resize switch
        {
            ResizeMode.Letterbox => Fitted(Math.Min((double)tw / width, (double)th / height)),
            ResizeMode.Pad => (Math.Clamp((int)Math.Ceiling((th * (double)width / height) - 1e-9), 1, tw), th),
            ResizeMode.CenterCrop => Covering(Math.Max((double)tw / width, (double)th / height)),
            _ => (tw, th),
        };
        return ((double)rw / width, (double)rh / height);

        (int, int) Fitted(double s) => (Math.Clamp((int)Math.Round(width * s), 1, tw), Math.Clamp((int)Math.Round(height * s), 1, th));

        (int, int) Covering(double s) => (Math.Max(tw, (int)Math.Round(width * s)), Math.Max(th, (int)Math.Round(height * s)));
    }
}
