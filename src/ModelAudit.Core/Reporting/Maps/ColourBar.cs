using ModelAudit.Imaging;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Reporting.Maps;

/// <summary>A vertical colour strip, the top of the scale at the top: the picture beside a map's numbers.</summary>
internal static class ColourBar
{
    private const int Width = 12;
    private const int Height = 128;

    /// <summary><paramref name="colour"/> takes t from <paramref name="bottom"/> (last row) to <paramref name="top"/> (first row).</summary>
    public static Image Render(Func<float, Rgba> colour, float bottom, float top)
    {
        var image = new Image(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            var t = top + ((bottom - top) * (y + 0.5f) / Height);
            var c = colour(t);
            var row = image.Row(y);
            for (var x = 0; x < Width; x++)
            {
                row[x * 4] = c.R;
                row[(x * 4) + 1] = c.G;
                row[(x * 4) + 2] = c.B;
                row[(x * 4) + 3] = 255;
            }
        }

        return image;
    }
}
