using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Reads the scored value of a batch: which class each image is explained for (and how sure the model
/// is), the gradient seed for those classes, and the score of any batch row (for the masked runs of
/// Score-CAM and Ablation-CAM). A segmentation target replaces the class by a masked sum of one channel.
/// </summary>
internal sealed class CamScoring
{
    private readonly CamRequest request;
    private readonly bool scoredIsProbability;
    private readonly string modelPath;

    public CamScoring(CamRequest request, string scoredValue, bool scoredIsProbability, string modelPath)
    {
        this.request = request;
        this.scoredIsProbability = scoredIsProbability;
        this.modelPath = modelPath;
        ScoredValue = scoredValue;
    }

    /// <summary>The value whose elements are scored.</summary>
    public string ScoredValue { get; }

    public IReadOnlyList<CamTarget> Targets(FloatTensor scored)
    {
        if (request.Segmentation is { } segmentation)
        {
            CheckSegmentation(scored.Shape, segmentation);
            var maskTotal = segmentation.Mask.Sum();
            var targets = new CamTarget[scored.Shape[0]];
            for (var i = 0; i < targets.Length; i++)
            {
                var score = ScoreOf(scored, i, segmentation.Channel);
                var mean = maskTotal > 0 ? score / maskTotal : 0f;
                targets[i] = new CamTarget(segmentation.Channel, LabelOf(segmentation.Channel), score, mean, segmentation.Channel, mean);
            }

            return targets;
        }

        var rows = ScoreTarget.Rows(scored.Data, scored.Shape);
        return rows.Select(row =>
        {
            var chosen = request.Class.Resolve(row, request.Labels);
            var probabilities = scoredIsProbability || Softmax.IsDistribution(row) ? row : Softmax.Of(row);
            var predicted = ClassChoice.Top.Resolve(probabilities, null);
            return new CamTarget(chosen, LabelOf(chosen), row[chosen], probabilities[chosen], predicted, probabilities[predicted]);
        }).ToList();
    }

    /// <summary>
    /// d score / d scored value for a batch, known before the run: the top class (computed inside the fused
    /// gradient model), a fixed class (checked here against the number of classes), or the mask on the channel.
    /// </summary>
    /// <param name="scoredShape">The scored value's shape at the batch's input shape.</param>
    public GradientSeed Seed(long[] scoredShape)
    {
        if (request.Segmentation is { } segmentation)
        {
            CheckSegmentation(scoredShape, segmentation);
            return GradientSeed.Weights(shape => MaskSeed(shape, segmentation));
        }

        if (request.Class.IsTop)
        {
            return GradientSeed.TopClass;
        }

        var classes = scoredShape.Length > 1 ? (int)scoredShape[1] : 1;
        var chosen = request.Class.Resolve(new float[classes], request.Labels);
        return GradientSeed.Classes(Enumerable.Repeat(chosen, (int)scoredShape[0]).ToList());
    }

    private static float[] MaskSeed(long[] shape, SegmentationTarget segmentation)
    {
        var seed = new float[shape.Aggregate(1L, (a, b) => a * b)];
        var perImage = seed.Length / (int)shape[0];
        var plane = segmentation.Mask.Length;
        for (var i = 0; i < shape[0]; i++)
        {
            segmentation.Mask.CopyTo(seed.AsSpan((i * perImage) + (segmentation.Channel * plane), plane));
        }

        return seed;
    }

    /// <summary>The score of <paramref name="target"/> (a class, or the segmentation channel) in batch row <paramref name="row"/>.</summary>
    public float ScoreOf(FloatTensor scored, int row, int target)
    {
        var perImage = (int)(scored.ElementCount / scored.Shape[0]);
        var classes = scored.Shape.Length > 1 ? (int)scored.Shape[1] : perImage;
        var perClass = perImage / classes;
        var slice = scored.Data.AsSpan((row * perImage) + (target * perClass), perClass);
        if (request.Segmentation is { } segmentation)
        {
            double sum = 0;
            for (var p = 0; p < slice.Length; p++)
            {
                sum += slice[p] * segmentation.Mask[p];
            }

            return (float)sum;
        }

        var total = 0f;
        foreach (var v in slice)
        {
            total += v;
        }

        return total;
    }

    private string? LabelOf(int index) => request.Labels is { } labels && index >= 0 && index < labels.Count ? labels[index] : null;

    private void CheckSegmentation(long[] shape, SegmentationTarget segmentation)
    {
        if (shape.Length != 4)
        {
            throw new ModelAuditException($"{modelPath}: a segmentation target needs a 4-D output [N,C,H,W], but '{ScoredValue}' is [{string.Join(",", shape)}]");
        }

        if (segmentation.Channel < 0 || segmentation.Channel >= shape[1])
        {
            throw new ModelAuditException($"{modelPath}: segmentation channel {segmentation.Channel} does not exist: '{ScoredValue}' has {shape[1]} channels");
        }

        if (segmentation.Mask.Length != shape[2] * shape[3])
        {
            throw new ModelAuditException(
                $"{modelPath}: the segmentation mask has {segmentation.Mask.Length} values, but '{ScoredValue}' is {shape[3]}x{shape[2]} ({shape[2] * shape[3]} values)");
        }
    }
}
