using System.Globalization;

namespace ModelAudit.Core.Reporting.Maps;

/// <summary>
/// The numbers a colour bar states. Now and baseline share one scale, the larger of their maxima, so equal
/// colours mean equal values; a map is never silently stretched to its own maximum.
/// </summary>
internal static class MapScale
{
    public static float Max(ReadOnlySpan<float> map)
    {
        var max = 0f;
        foreach (var v in map)
        {
            if (float.IsFinite(v) && v > max)
            {
                max = v;
            }
        }

        return max;
    }

    public static float MaxAbs(ReadOnlySpan<float> map)
    {
        var max = 0f;
        foreach (var v in map)
        {
            if (float.IsFinite(v) && Math.Abs(v) > max)
            {
                max = Math.Abs(v);
            }
        }

        return max;
    }

    /// <summary>Three significant digits below 100, whole numbers above, culture-invariant: "0.0123", "4.57", "1235".</summary>
    public static string Label(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return "0";
        }

        var digits = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value, Math.Min(digits, 12), MidpointRounding.AwayFromZero).ToString("0.############", CultureInfo.InvariantCulture);
    }
}
