namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// Transformation robustness for the ascent: a small random roll, scale and rotation applied to the image
/// before each step, so the pattern must survive them instead of exploiting single pixels. The image is
/// treated as periodic (a roll wraps around), which keeps every sample inside it.
/// </summary>
internal readonly record struct RobustTransform(int ShiftX, int ShiftY, float Scale, float Radians)
{
    public const int MaxShift = 4;

    public static RobustTransform Draw(Random random) => new(
        random.Next(-MaxShift, MaxShift + 1),
        random.Next(-MaxShift, MaxShift + 1),
        0.95f + (float)(random.NextDouble() * 0.1),
        (float)((random.NextDouble() * 10) - 5) * MathF.PI / 180f);

    /// <summary>Resamples one plane: output(x, y) = input at the inverse rotation and scale about the center, shifted back by the roll.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination, int width, int height)
    {
        float cx = (width - 1) / 2f, cy = (height - 1) / 2f;
        float cos = MathF.Cos(Radians), sin = MathF.Sin(Radians);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                float ux = (x - ShiftX) - cx, uy = (y - ShiftY) - cy;
                var sx = (((cos * ux) + (sin * uy)) / Scale) + cx;
                var sy = (((-sin * ux) + (cos * uy)) / Scale) + cy;
                destination[(y * width) + x] = Sample(source, width, height, sx, sy);
            }
        }
    }

    private static float Sample(ReadOnlySpan<float> plane, int width, int height, float x, float y)
    {
        var x0 = (int)MathF.Floor(x);
        var y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        int xa = Wrap(x0, width), xb = Wrap(x0 + 1, width), ya = Wrap(y0, height), yb = Wrap(y0 + 1, height);
        var top = (plane[(ya * width) + xa] * (1 - fx)) + (plane[(ya * width) + xb] * fx);
        var bottom = (plane[(yb * width) + xa] * (1 - fx)) + (plane[(yb * width) + xb] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    private static int Wrap(int i, int n) => ((i % n) + n) % n;
}
