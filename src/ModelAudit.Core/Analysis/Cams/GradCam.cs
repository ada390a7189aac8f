using System.Numerics.Tensors;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>Grad-CAM (Selvaraju et al.): alpha_k = mean over h,w of g_k; CAM = ReLU(sum_k alpha_k A_k).</summary>
internal sealed class GradCam : IGradientCam
{
    public float[] Map(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradient, int channels, int plane)
    {
        var alpha = CamMath.ChannelSums(gradient, channels, plane);
        TensorPrimitives.Divide(alpha, plane, alpha);
        return CamMath.WeightedSum(activation, alpha, channels, plane);
    }
}
