using System.Numerics.Tensors;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Eigen-CAM (Muhammad and Yeasin): the activation seen as an (h*w) x K matrix M is projected onto its
/// first right singular vector v (M v), the sign chosen so the map's mean is positive, then ReLU. No
/// gradient and no class: it shows what the layer is most strongly about.
/// </summary>
internal static class EigenCam
{
    private const int MaxIterations = 500;
    private const double Tolerance = 1e-10;

    public static float[] Map(ReadOnlySpan<float> activation, int channels, int plane)
    {
        var v = FirstRightSingularVector(activation, channels, plane);
        var map = Project(activation, v, channels, plane);
        if (TensorPrimitives.Sum(map) < 0f)
        {
            TensorPrimitives.Negate(map, map);
        }

        CamMath.Relu(map);
        return map;
    }

    /// <summary>Power iteration on M^T M without forming it: v = M^T (M v), normalized, until it stops moving.</summary>
    internal static double[] FirstRightSingularVector(ReadOnlySpan<float> activation, int channels, int plane)
    {
        // Start from the channel sums: for non-negative (post-ReLU) activations they lean towards the
        // dominant direction; a fixed ramp takes over when they vanish.
        var v = new double[channels];
        for (var k = 0; k < channels; k++)
        {
            v[k] = TensorPrimitives.Sum(activation.Slice(k * plane, plane));
        }

        if (Normalize(v) == 0)
        {
            for (var k = 0; k < channels; k++)
            {
                v[k] = 1 + ((double)k / channels);
            }

            Normalize(v);
        }

        var mv = new double[plane];
        var next = new double[channels];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(mv);
            for (var k = 0; k < channels; k++)
            {
                var column = activation.Slice(k * plane, plane);
                for (var p = 0; p < plane; p++)
                {
                    mv[p] += column[p] * v[k];
                }
            }

            for (var k = 0; k < channels; k++)
            {
                var column = activation.Slice(k * plane, plane);
                double sum = 0;
                for (var p = 0; p < plane; p++)
                {
                    sum += column[p] * mv[p];
                }

                next[k] = sum;
            }

            if (Normalize(next) == 0)
            {
                // M is zero: every direction is as good; the projection is zero anyway.
                return v;
            }

            double change = 0;
            for (var k = 0; k < channels; k++)
            {
                change += (next[k] - v[k]) * (next[k] - v[k]);
            }

            (v, next) = (next, v);
            if (change < Tolerance)
            {
                break;
            }
        }

        return v;
    }

    private static float[] Project(ReadOnlySpan<float> activation, double[] v, int channels, int plane)
    {
        var map = new double[plane];
        for (var k = 0; k < channels; k++)
        {
            var column = activation.Slice(k * plane, plane);
            for (var p = 0; p < plane; p++)
            {
                map[p] += column[p] * v[k];
            }
        }

        return map.Select(x => (float)x).ToArray();
    }

    private static double Normalize(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        if (norm > 0)
        {
            for (var i = 0; i < v.Length; i++)
            {
                v[i] /= norm;
            }
        }

        return norm;
    }
}
