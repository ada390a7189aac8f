using ModelAudit.Imaging;
using ModelAudit.Imaging.Processing;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// The bounded copy of an image that outlives its batch: what the report draws pictures and overlays on.
/// A 4000x4000 photo is 64 MB decoded and 1 MB as a thumbnail, so an audit of many photos stays small.
/// </summary>
internal static class Thumbnails
{
    /// <summary>The longer side of a thumbnail, in pixels; smaller images are kept at their size.</summary>
    public const int MaxSide = 512;

    public static Image Of(Image image)
    {
        var (width, height) = Size(image.Width, image.Height);
        return width == image.Width && height == image.Height ? image.Clone() : Resizer.Resize(image, width, height);
    }

    /// <summary>The size that fits <see cref="MaxSide"/> x <see cref="MaxSide"/> with the aspect kept (never enlarged, at least 1 pixel).</summary>
    public static (int Width, int Height) Size(int width, int height)
    {
        var longer = Math.Max(width, height);
        if (longer <= MaxSide)
        {
            return (width, height);
        }

        var scale = (double)MaxSide / longer;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }
}
