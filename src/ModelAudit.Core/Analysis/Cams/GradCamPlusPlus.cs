namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Grad-CAM++ (Chattopadhyay et al.) with the closed form for an exponential score, as pytorch-grad-cam
/// computes it: a = g^2 / (2 g^2 + sum_hw(A_k) g^3) (0 where g = 0), weight_k = sum_hw(a * ReLU(g)),
/// CAM = ReLU(sum_k weight_k A_k).
/// </summary>
internal sealed class GradCamPlusPlus : IGradientCam
{
    internal const float Epsilon = 1e-6f;

    public float[] Map(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradient, int channels, int plane)
    {
        var sums = CamMath.ChannelSums(activation, channels, plane);
        var weights = new float[channels];
        for (var k = 0; k < channels; k++)
        {
            double weight = 0;
            foreach (var g in gradient.Slice(k * plane, plane))
            {
                if (g <= 0f)
                {
                    // ReLU(g) = 0 drops the term, and a = 0 where g = 0.
                    continue;
                }

                double g2 = (double)g * g;
                var a = g2 / ((2 * g2) + (sums[k] * g2 * g) + Epsilon);
                weight += a * g;
            }

            weights[k] = (float)weight;
        }

        return CamMath.WeightedSum(activation, weights, channels, plane);
    }
}
