using ModelAudit.Imaging;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Reporting.Maps;

/// <summary>
/// A map coloured over a grey copy of the picture: <c>weight * grey + (1 - weight) * colour</c>, as
/// pytorch-grad-cam's image weight. Grey keeps a colourful photo from reading as heat; the picture stays visible.
/// </summary>
internal static class MapOverlay
{
    public const float ImageWeight = 0.5f;

    /// <summary><paramref name="colour"/> gives each pixel's map colour from its value.</summary>
    public static Image Render(Image picture, ReadOnlySpan<float> map, Func<float, Rgba> colour)
    {
        if (map.Length != picture.Width * picture.Height)
        {
            throw new ArgumentException($"the map has {map.Length} values, the picture {picture.Width}x{picture.Height} pixels", nameof(map));
        }

        var result = new Image(picture.Width, picture.Height);
        var src = picture.Pixels;
        var dst = result.Pixels;
        for (var i = 0; i < map.Length; i++)
        {
            var o = i * 4;
            var grey = (0.299f * src[o]) + (0.587f * src[o + 1]) + (0.114f * src[o + 2]);
            var c = colour(map[i]);
            dst[o] = Mix(grey, c.R);
            dst[o + 1] = Mix(grey, c.G);
            dst[o + 2] = Mix(grey, c.B);
            dst[o + 3] = 255;
        }

        return result;
    }

    private static byte Mix(float grey, byte colour) =>
        (byte)Math.Clamp(MathF.Round((ImageWeight * grey) + ((1 - ImageWeight) * colour)), 0, 255);
}
