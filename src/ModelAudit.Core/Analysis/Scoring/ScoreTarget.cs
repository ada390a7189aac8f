using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis.Scoring;

/// <summary>
/// The value whose elements are scores (one row of classes per image) for a <see cref="ScoreKind"/>:
/// the logit value, the probability value, or the raw output.
/// </summary>
public static class ScoreTarget
{
    public static string ValueFor(OnnxModel model, string output, ScoreKind kind)
    {
        var producer = model.Graph.Producer(output);
        var endsInSoftmax = producer is { OpType: "Softmax" or "LogSoftmax", Inputs.Count: > 0 };
        return kind switch
        {
            ScoreKind.Logit => endsInSoftmax ? producer!.Inputs[0] : output,
            ScoreKind.Output => output,
            ScoreKind.Probability => producer?.OpType == "Softmax"
                ? output
                : throw new ModelAuditException(
                    $"{model.SourceName}: --score probability needs an output produced by Softmax, but '{output}' comes from {producer?.OpType ?? "the graph input"}; use --score logit"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>
    /// The seed d score / d value: one-hot on each image's class. The value's shape is [N, K, ...]; every
    /// element of class k's slice counts (so [N, K, 1, 1] heads work too).
    /// </summary>
    public static float[] OneHotSeed(long[] valueShape, IReadOnlyList<int> classes)
    {
        var count = valueShape.Aggregate(1L, (a, b) => a * b);
        var seed = new float[count];
        var perImage = (int)(count / valueShape[0]);
        var perClass = valueShape.Length > 1 ? (int)(perImage / valueShape[1]) : 1;
        for (var i = 0; i < classes.Count; i++)
        {
            seed.AsSpan((i * perImage) + (classes[i] * perClass), perClass).Fill(1f);
        }

        return seed;
    }

    /// <summary>Per image: the class scores (summed over any trailing axes), for choosing the top class.</summary>
    public static float[][] Rows(float[] data, long[] valueShape)
    {
        var n = (int)valueShape[0];
        var perImage = data.Length / n;
        var classes = valueShape.Length > 1 ? (int)valueShape[1] : perImage;
        var perClass = perImage / classes;
        var rows = new float[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new float[classes];
            for (var k = 0; k < classes; k++)
            {
                var sum = 0f;
                foreach (var v in data.AsSpan((i * perImage) + (k * perClass), perClass))
                {
                    sum += v;
                }

                rows[i][k] = sum;
            }
        }

        return rows;
    }
}
