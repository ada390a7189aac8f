namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// Grad-CAM++'s "average drop" and "increase in confidence" (Chattopadhyay et al. 2018): show the model only
/// the map-weighted image E = map * image (map scaled to [0, 1] by its maximum; weighting pulls pixels toward
/// black) and compare the class probability O with the original Y. Drop = max(0, Y - O) / Y; an increase is O > Y.
/// </summary>
internal static class ConfidenceChange
{
    /// <summary>Writes map * image into <paramref name="destination"/>, where "0" is black: per channel the tensor
    /// value of a black pixel is <paramref name="black"/>[c].</summary>
    public static void Weight(PlanarImage image, ReadOnlySpan<float> map, IReadOnlyList<float> black, Span<float> destination)
    {
        var max = 0f;
        foreach (var v in map)
        {
            max = float.IsNaN(v) ? max : Math.Max(max, v);
        }

        var size = image.PlaneSize;
        for (var c = 0; c < image.Channels; c++)
        {
            var source = image.Plane(c);
            var target = destination.Slice(c * size, size);
            for (var p = 0; p < size; p++)
            {
                var e = max > 0 && map[p] > 0 ? map[p] / max : 0f;
                target[p] = black[c] + (e * (source[p] - black[c]));
            }
        }
    }

    /// <summary>The drop of one image, as a fraction (the paper averages it over images and reports percent).</summary>
    public static double Drop(double original, double weighted) =>
        original > 0 ? Math.Max(0, original - weighted) / original : 0;

    public static bool Increased(double original, double weighted) => weighted > original;
}
