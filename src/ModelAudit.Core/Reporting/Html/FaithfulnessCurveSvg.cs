using System.Globalization;
using System.Text;
using ModelAudit.Core.Analysis.Faithfulness;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// An image's deletion and insertion curves as a small inline SVG (fraction of pixels on x, class probability on y),
/// drawn from the numbers in results.json: no script, no external resource, only numbers we format.
/// </summary>
internal static class FaithfulnessCurveSvg
{
    private const int Width = 160;
    private const int Height = 90;
    private const int Pad = 6;

    public static TrustedHtml Render(FaithfulnessResult curves)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<svg class=\"curves\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"deletion and insertion curves\">");
        text.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Pad}\" y=\"{Pad}\" width=\"{Width - (2 * Pad)}\" height=\"{Height - (2 * Pad)}\" class=\"plot\"/>");
        Line(text, curves.Deletion, "deletion");
        Line(text, curves.Insertion, "insertion");
        text.Append("</svg>");
        return new TrustedHtml(text.ToString());
    }

    private static void Line(StringBuilder text, IReadOnlyList<double> points, string kind)
    {
        text.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{kind}\" points=\"");
        for (var k = 0; k < points.Count; k++)
        {
            var x = Pad + ((Width - (2 * Pad)) * (points.Count > 1 ? k / (double)(points.Count - 1) : 0));
            var p = double.IsFinite(points[k]) ? Math.Clamp(points[k], 0, 1) : 0;
            var y = Height - Pad - ((Height - (2 * Pad)) * p);
            text.Append(CultureInfo.InvariantCulture, $"{(k > 0 ? " " : "")}{x:0.#},{y:0.#}");
        }

        text.Append("\"/>");
    }
}
