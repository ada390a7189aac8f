namespace ModelAudit.Core.Audit.Results;

/// <summary>
/// An image's maps as the report shows them, drawn over its thumbnail as soon as the image is measured: the audit
/// keeps these PNGs (a few hundred KB for a photo), not the thumbnail and the float maps they are drawn from (about
/// 3 MB), so what it holds for the report stays small however many images there are.
/// </summary>
/// <param name="Width">The pictures' width in pixels (the thumbnail's).</param>
/// <param name="Height">The pictures' height in pixels.</param>
/// <param name="Now">The map now over the grey picture, coloured on the scale 0..<paramref name="Max"/>.</param>
/// <param name="Baseline">The baseline's map on the same scale, when a baseline exists.</param>
/// <param name="Difference">Now minus baseline on a symmetric diverging scale of ±<paramref name="DifferenceSpan"/>.</param>
/// <param name="NowTop">The top-p% outline of the map now, as an SVG path in picture pixels ("" when empty).</param>
/// <param name="BaselineTop">The same outline of the baseline's map.</param>
/// <param name="Max">The colour scale's top: the larger maximum of now and baseline (0 for an all-zero map).</param>
/// <param name="DifferenceSpan">The largest absolute difference (0 without a baseline).</param>
public sealed record MapPictures(
    int Width,
    int Height,
    byte[] Now,
    byte[]? Baseline,
    byte[]? Difference,
    string NowTop,
    string? BaselineTop,
    float Max,
    float DifferenceSpan);
