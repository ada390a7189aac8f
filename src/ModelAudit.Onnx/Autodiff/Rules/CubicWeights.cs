namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Resize "cubic" along one axis as ONNX Runtime computes it: output o reads source s (the coordinate transform, not
/// clamped), taps floor(s) - 1 .. floor(s) + 2 with Keys' cubic convolution weights for t = s - floor(s) and
/// coefficient a (cubic_coeff_a, default -0.75). Taps outside the axis read the nearest edge element, or with
/// exclude_outside get weight 0 and the remaining weights are renormalized to sum to 1.
/// </summary>
internal static class CubicWeights
{
    public static void Add(float[] matrix, long o, long length, float source, float a, bool excludeOutside)
    {
        var floor = (long)MathF.Floor(source);
        var t = source - floor;
        Span<float> w =
        [
            (((((a * (t + 1)) - (5 * a)) * (t + 1)) + (8 * a)) * (t + 1)) - (4 * a),
            (((((a + 2) * t) - (a + 3)) * t) * t) + 1,
            (((((a + 2) * (1 - t)) - (a + 3)) * (1 - t)) * (1 - t)) + 1,
            (((((a * (2 - t)) - (5 * a)) * (2 - t)) + (8 * a)) * (2 - t)) - (4 * a),
        ];
        if (excludeOutside)
        {
            float total = 0;
            for (var k = 0; k < 4; k++)
            {
                var tap = floor - 1 + k;
                w[k] = tap < 0 || tap >= length ? 0f : w[k];
                total += w[k];
            }

            for (var k = 0; k < 4; k++)
            {
                w[k] = total == 0f ? 0f : w[k] / total;
            }
        }

        for (var k = 0; k < 4; k++)
        {
            var tap = Math.Clamp(floor - 1 + k, 0, length - 1);
            matrix[(o * length) + tap] += w[k];
        }
    }
}
