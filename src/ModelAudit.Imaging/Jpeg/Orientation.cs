namespace ModelAudit.Imaging.Jpeg;

/// <summary>Turns stored pixels upright for an EXIF orientation value (1..8, TIFF 6.0 tag 274).</summary>
internal static class Orientation
{
    public static Image Apply(Image stored, int orientation)
    {
        if (orientation is < 2 or > 8)
        {
            return stored;
        }

        var w = stored.Width;
        var h = stored.Height;
        var swaps = orientation >= 5;
        var result = swaps ? new Image(h, w) : new Image(w, h);
        var src = stored.Pixels;
        var dst = result.Pixels;
        for (var y = 0; y < result.Height; y++)
        {
            for (var x = 0; x < result.Width; x++)
            {
                // Where the upright pixel (x, y) sits in the stored picture.
                var (sx, sy) = orientation switch
                {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                src.AsSpan(((sy * w) + sx) * 4, 4).CopyTo(dst.AsSpan(((y * result.Width) + x) * 4, 4));
            }
        }

        return result;
    }
}
