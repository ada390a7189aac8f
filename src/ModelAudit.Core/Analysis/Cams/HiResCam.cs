using System.Numerics.Tensors;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>HiResCAM (Draelos and Carin): ReLU(sum_k g_k * A_k), elementwise, so no spatial averaging blurs the gradient.</summary>
internal sealed class HiResCam : IGradientCam
{
    public float[] Map(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradient, int channels, int plane)
    {
        var map = new float[plane];
        for (var k = 0; k < channels; k++)
        {
            TensorPrimitives.FusedMultiplyAdd(gradient.Slice(k * plane, plane), activation.Slice(k * plane, plane), map, map);
        }

        CamMath.Relu(map);
        return map;
    }
}
