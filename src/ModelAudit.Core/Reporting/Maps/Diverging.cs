using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Core.Reporting.Maps;

/// <summary>
/// The difference map's colours: blue below zero, white at zero, red above (ColorBrewer's RdBu ends), linear in
/// between, so "less attention than the baseline" and "more" read apart at a glance.
/// </summary>
internal static class Diverging
{
    public const string Name = "blue-white-red";

    private static readonly Rgba Negative = new(33, 102, 172);
    private static readonly Rgba Zero = new(247, 247, 247);
    private static readonly Rgba Positive = new(178, 24, 43);

    /// <summary>t in [-1, 1] (clamped; NaN is white).</summary>
    public static Rgba Map(float t)
    {
        if (float.IsNaN(t))
        {
            return Zero;
        }

        t = Math.Clamp(t, -1f, 1f);
        var end = t < 0 ? Negative : Positive;
        var a = Math.Abs(t);
        return new Rgba(Lerp(Zero.R, end.R, a), Lerp(Zero.G, end.G, a), Lerp(Zero.B, end.B, a));
    }

    private static byte Lerp(byte from, byte to, float t) => (byte)MathF.Round(from + ((to - from) * t));
}
