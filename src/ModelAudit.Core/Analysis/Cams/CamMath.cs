using System.Numerics.Tensors;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>The steps the CAM methods share, over channel-major K x (h*w) activations.</summary>
internal static class CamMath
{
    /// <summary>ReLU(sum_k weights[k] * A_k): the map every channel-weighting method ends with.</summary>
    public static float[] WeightedSum(ReadOnlySpan<float> activation, ReadOnlySpan<float> weights, int channels, int plane)
    {
        var map = new float[plane];
        for (var k = 0; k < channels; k++)
        {
            if (weights[k] != 0f)
            {
                TensorPrimitives.MultiplyAdd(activation.Slice(k * plane, plane), weights[k], map, map);
            }
        }

        Relu(map);
        return map;
    }

    public static void Relu(Span<float> map) => TensorPrimitives.Max(map, 0f, map);

    /// <summary>Per channel, the sum over its h*w plane.</summary>
    public static float[] ChannelSums(ReadOnlySpan<float> values, int channels, int plane)
    {
        var sums = new float[channels];
        for (var k = 0; k < channels; k++)
        {
            sums[k] = TensorPrimitives.Sum(values.Slice(k * plane, plane));
        }

        return sums;
    }
}
