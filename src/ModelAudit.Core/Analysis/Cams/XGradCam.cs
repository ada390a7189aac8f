using System.Numerics.Tensors;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>XGrad-CAM (Fu et al.): alpha_k = sum_hw(g_k * A_k) / (sum_hw(A_k) + eps); CAM = ReLU(sum_k alpha_k A_k).</summary>
internal sealed class XGradCam : IGradientCam
{
    // The value pytorch-grad-cam uses; it only matters for channels whose activations sum to ~0.
    internal const float Epsilon = 1e-7f;

    public float[] Map(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradient, int channels, int plane)
    {
        var alpha = new float[channels];
        for (var k = 0; k < channels; k++)
        {
            var a = activation.Slice(k * plane, plane);
            alpha[k] = TensorPrimitives.Dot(gradient.Slice(k * plane, plane), a) / (TensorPrimitives.Sum(a) + Epsilon);
        }

        return CamMath.WeightedSum(activation, alpha, channels, plane);
    }
}
