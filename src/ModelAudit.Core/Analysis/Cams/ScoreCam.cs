using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging.Processing;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Score-CAM (Wang et al. 2020): each channel of A, upsampled to the input and normalized to [0, 1], masks
/// the preprocessed input; the class scores of the masked copies, softmaxed over channels, weigh the
/// channels; CAM = ReLU(sum_k w_k A_k). The paper's score increase over a baseline shifts every channel's
/// score by the same amount, which softmax ignores, so the scores are used directly. Constant channels
/// carry no location and would mask nothing: they are skipped (weight 0).
/// </summary>
internal sealed class ScoreCam
{
    private readonly CamSession session;
    private readonly string inputName;
    private readonly PreprocessSpec spec;
    private readonly CamScoring scoring;
    private readonly int batchSize;

    public ScoreCam(CamSession session, string inputName, PreprocessSpec spec, CamScoring scoring, int batchSize)
    {
        this.session = session;
        this.inputName = inputName;
        this.spec = spec;
        this.scoring = scoring;
        this.batchSize = batchSize;
    }

    /// <param name="image">One image's preprocessed tensor (no batch axis).</param>
    public float[] Map(ReadOnlySpan<float> activation, int channels, int mapWidth, int mapHeight, ReadOnlySpan<float> image, int target)
    {
        var plane = mapWidth * mapHeight;
        var masks = new List<(int Channel, float[] Mask)>(channels);
        for (var k = 0; k < channels; k++)
        {
            if (NormalizedMask(activation.Slice(k * plane, plane), mapWidth, mapHeight) is { } mask)
            {
                masks.Add((k, mask));
            }
        }

        var weights = new float[channels];
        if (masks.Count == 0)
        {
            return new float[plane];
        }

        var scores = new float[masks.Count];
        var perImage = image.Length;
        for (var start = 0; start < masks.Count; start += batchSize)
        {
            var rows = Math.Min(batchSize, masks.Count - start);
            var data = new float[perImage * rows];
            for (var r = 0; r < rows; r++)
            {
                ApplyMask(image, masks[start + r].Mask, data.AsSpan(r * perImage, perImage));
            }

            var scored = session.Run(new Dictionary<string, FloatTensor> { [inputName] = new(data, Preprocessor.Shape(spec, rows)) })[0];
            for (var r = 0; r < rows; r++)
            {
                scores[start + r] = scoring.ScoreOf(scored, r, target);
            }
        }

        var softmax = Softmax.Of(scores);
        for (var i = 0; i < masks.Count; i++)
        {
            weights[masks[i].Channel] = softmax[i];
        }

        return CamMath.WeightedSum(activation, weights, channels, plane);
    }

    /// <summary>The channel upsampled to the input size and scaled to [0, 1]; null when it is constant.</summary>
    private float[]? NormalizedMask(ReadOnlySpan<float> channel, int width, int height)
    {
        var up = Resizer.Resize(channel, width, height, spec.Width, spec.Height);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in up)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (!(max > min) || !float.IsFinite(max - min))
        {
            return null;
        }

        var range = max - min;
        for (var i = 0; i < up.Length; i++)
        {
            up[i] = (up[i] - min) / range;
        }

        return up;
    }

    private void ApplyMask(ReadOnlySpan<float> image, float[] mask, Span<float> destination)
    {
        var channels = spec.ChannelCount;
        var plane = mask.Length;
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                var i = spec.Layout == TensorLayout.Nchw ? (c * plane) + p : (p * channels) + c;
                destination[i] = image[i] * mask[p];
            }
        }
    }
}
