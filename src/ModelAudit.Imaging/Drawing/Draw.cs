namespace ModelAudit.Imaging.Drawing;

/// <summary>
/// Simple raster drawing for reports and grids. Shapes are clipped to the image; pixels are replaced
/// by the color (alpha included), not blended.
/// </summary>
public static class Draw
{
    public static void FillRectangle(Image image, int x, int y, int width, int height, Rgba color)
    {
        ArgumentNullException.ThrowIfNull(image);
        int left = Math.Max(x, 0);
        int top = Math.Max(y, 0);
        int right = (int)Math.Min((long)x + Math.Max(width, 0), image.Width);
        int bottom = (int)Math.Min((long)y + Math.Max(height, 0), image.Height);
        if (left >= right || top >= bottom)
        {
            return;
        }

        Span<byte> pixel = [color.R, color.G, color.B, color.A];
        for (int row = top; row < bottom; row++)
        {
            var span = image.Row(row)[(left * 4)..(right * 4)];
            for (int i = 0; i < span.Length; i += 4)
            {
                pixel.CopyTo(span[i..]);
            }
        }
    }

    /// <summary>An outline lying inside the rectangle, <paramref name="thickness"/> pixels wide.</summary>
    public static void Rectangle(Image image, int x, int y, int width, int height, Rgba color, int thickness = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(thickness);
        int band = Math.Min(thickness, Math.Min(width, height));
        FillRectangle(image, x, y, width, band, color);
        FillRectangle(image, x, y + height - band, width, band, color);
        FillRectangle(image, x, y + band, band, height - (2 * band), color);
        FillRectangle(image, x + width - band, y + band, band, height - (2 * band), color);
    }

    /// <summary>
    /// Draws one line of text with its top-left corner at (x, y), each font pixel a
    /// <paramref name="scale"/> x <paramref name="scale"/> square. Returns the width drawn.
    /// </summary>
    public static int Text(Image image, int x, int y, string text, Rgba color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        for (int i = 0; i < text.Length; i++)
        {
            int originX = x + (i * BitmapFont.Advance * scale);
            for (int gy = 0; gy < BitmapFont.GlyphHeight; gy++)
            {
                for (int gx = 0; gx < BitmapFont.GlyphWidth; gx++)
                {
                    if (BitmapFont.IsInk(text[i], gx, gy))
                    {
                        FillRectangle(image, originX + (gx * scale), y + (gy * scale), scale, scale, color);
                    }
                }
            }
        }

        return MeasureText(text, scale).Width;
    }

    /// <summary>The size <see cref="Text"/> covers: no trailing space after the last glyph.</summary>
    public static (int Width, int Height) MeasureText(string text, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        int width = text.Length == 0 ? 0 : ((text.Length * BitmapFont.Advance) - 1) * scale;
        return (width, BitmapFont.GlyphHeight * scale);
    }

    /// <summary>How many characters of text fit in <paramref name="width"/> pixels.</summary>
    public static int CharactersFitting(int width, int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        return Math.Max(0, (width + scale) / (BitmapFont.Advance * scale));
    }
}
