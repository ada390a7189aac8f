using System.Globalization;
using System.Text;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>An expected region as the <c>points</c> of an SVG polygon in image pixels (the SVG's viewBox).</summary>
internal static class RegionOutline
{
    public static string Points(RegionShape region)
    {
        var points = region.Points;

        // A box may arrive as its two opposite corners; draw all four.
        if (points.Count == 2 && string.Equals(region.Kind, "box", StringComparison.OrdinalIgnoreCase))
        {
            var (x0, y0) = points[0];
            var (x1, y1) = points[1];
            points = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
        }

        var text = new StringBuilder();
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(Coordinate(x)).Append(',').Append(Coordinate(y));
        }

        return text.ToString();
    }

    private static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
