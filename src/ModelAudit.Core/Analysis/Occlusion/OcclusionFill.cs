using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>The per-channel tensor value an occluding patch is painted with, and the painting itself.</summary>
internal static class OcclusionFill
{
    public static float[] Values(string fill, ReadOnlySpan<float> tensor, PreprocessSpec spec)
    {
        var channels = spec.ChannelCount;
        var plane = spec.Width * spec.Height;
        var values = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            values[c] = fill switch
            {
                "zero" => 0f,
                // Grey as the model sees it: pixel 128 through the same scale, mean and std as the image.
                "grey" => ((128f * spec.Scale) - spec.Mean[spec.Mean.Count == 1 ? 0 : c]) / spec.Std[spec.Std.Count == 1 ? 0 : c],
                _ => ChannelMean(tensor, spec, c, plane),
            };
        }

        return values;
    }

    public static void Paint(Span<float> tensor, PreprocessSpec spec, float[] values, int x0, int y0, int width, int height)
    {
        var channels = spec.ChannelCount;
        var plane = spec.Width * spec.Height;
        for (var y = y0; y < y0 + height; y++)
        {
            for (var x = x0; x < x0 + width; x++)
            {
                var p = (y * spec.Width) + x;
                for (var c = 0; c < channels; c++)
                {
                    tensor[spec.Layout == TensorLayout.Nchw ? (c * plane) + p : (p * channels) + c] = values[c];
                }
            }
        }
    }

    private static float ChannelMean(ReadOnlySpan<float> tensor, PreprocessSpec spec, int c, int plane)
    {
        double sum = 0;
        for (var p = 0; p < plane; p++)
        {
            sum += tensor[spec.Layout == TensorLayout.Nchw ? (c * plane) + p : (p * spec.ChannelCount) + c];
        }

        return (float)(sum / plane);
    }
}
