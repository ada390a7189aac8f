using System.Numerics.Tensors;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>LayerCAM (Jiang et al.): sum_k ReLU(g_k) * A_k, then ReLU: only positive gradients weigh each position.</summary>
internal sealed class LayerCam : IGradientCam
{
    public float[] Map(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradient, int channels, int plane)
    {
        var map = new float[plane];
        var positive = new float[plane];
        for (var k = 0; k < channels; k++)
        {
            TensorPrimitives.Max(gradient.Slice(k * plane, plane), 0f, positive);
            TensorPrimitives.FusedMultiplyAdd(positive, activation.Slice(k * plane, plane), map, map);
        }

        CamMath.Relu(map);
        return map;
    }
}
