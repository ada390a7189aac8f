using System.Globalization;
using System.Text;

namespace ModelAudit.Core.Reporting.Maps;

/// <summary>
/// The map's top p% as an outline: the pixels holding the highest p% of the picture's pixels (positive values
/// only, as the IoU metric takes them), drawn as the SVG path of their boundary in picture pixels.
/// </summary>
internal static class TopRegion
{
    public static bool[] Mask(ReadOnlySpan<float> map, double percent)
    {
        var mask = new bool[map.Length];
        var count = (int)Math.Round(map.Length * Math.Clamp(percent, 0, 100) / 100);
        if (count == 0)
        {
            return mask;
        }

        var sorted = map.ToArray();
        Array.Sort(sorted);
        var threshold = sorted[^count];
        if (!(threshold > 0))
        {
            // Fewer positive pixels than p%: the positive ones are the top.
            threshold = float.Epsilon;
        }

        for (var i = 0; i < map.Length; i++)
        {
            mask[i] = map[i] >= threshold;
        }

        return mask;
    }

    /// <summary>
    /// "M x y H x2 ..." segments along every edge between a pixel inside and one outside (or the border); runs
    /// along a row or column are merged so a 480-pixel picture stays a few kilobytes.
    /// </summary>
    public static string Outline(bool[] mask, int width, int height)
    {
        var path = new StringBuilder();
        bool In(int x, int y) => x >= 0 && y >= 0 && x < width && y < height && mask[(y * width) + x];

        // Horizontal edges at y (between rows y-1 and y).
        for (var y = 0; y <= height; y++)
        {
            var start = -1;
            for (var x = 0; x <= width; x++)
            {
                var edge = x < width && In(x, y - 1) != In(x, y);
                if (edge && start < 0)
                {
                    start = x;
                }
                else if (!edge && start >= 0)
                {
                    path.Append('M').Append(N(start)).Append(' ').Append(N(y)).Append('H').Append(N(x));
                    start = -1;
                }
            }
        }

        // Vertical edges at x (between columns x-1 and x).
        for (var x = 0; x <= width; x++)
        {
            var start = -1;
            for (var y = 0; y <= height; y++)
            {
                var edge = y < height && In(x - 1, y) != In(x, y);
                if (edge && start < 0)
                {
                    start = y;
                }
                else if (!edge && start >= 0)
                {
                    path.Append('M').Append(N(x)).Append(' ').Append(N(start)).Append('V').Append(N(y));
                    start = -1;
                }
            }
        }

        return path.ToString();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
