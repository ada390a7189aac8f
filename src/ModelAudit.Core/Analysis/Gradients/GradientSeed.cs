using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Onnx.Autodiff.Fused;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Gradients;

/// <summary>
/// What is differentiated: d score / d scored value for every batch row. Known before the run, so the fused
/// gradient model computes it in the graph (top class) or takes it as an input (class indices, a weight tensor);
/// no forward value has to come back to managed code first.
/// </summary>
public sealed class GradientSeed
{
    private readonly IReadOnlyList<int>? classes;
    private readonly Func<long[], float[]>? weights;

    private GradientSeed(SeedKind kind, IReadOnlyList<int>? classes, Func<long[], float[]>? weights)
    {
        Kind = kind;
        this.classes = classes;
        this.weights = weights;
    }

    /// <summary>One-hot on each row's highest score (summed over any trailing axes of [N, K, ...]).</summary>
    public static GradientSeed TopClass { get; } = new(SeedKind.TopClass, null, null);

    internal SeedKind Kind { get; }

    /// <summary>One-hot on the given class of each row, in row order.</summary>
    public static GradientSeed Classes(IReadOnlyList<int> perRow)
    {
        ArgumentNullException.ThrowIfNull(perRow);
        return new(SeedKind.ClassInput, perRow.ToArray(), null);
    }

    /// <summary>
    /// Any seed: <paramref name="fill"/> receives the scored value's shape and returns the seed of that shape
    /// (a segmentation mask on one channel, a filter's weights per row).
    /// </summary>
    public static GradientSeed Weights(Func<long[], float[]> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return new(SeedKind.Tensor, null, fill);
    }

    /// <summary>The class index input of the fused model, checked against the scored value's shape.</summary>
    internal FloatTensor ClassTensor(long[] scoredShape, string modelPath)
    {
        var rows = Check(scoredShape, modelPath);
        return new FloatTensor(rows.Select(c => (float)c).ToArray(), rows.Count);
    }

    internal FloatTensor WeightTensor(long[] scoredShape, string modelPath)
    {
        var data = weights!(scoredShape);
        var count = scoredShape.Aggregate(1L, (a, b) => a * b);
        return data.LongLength == count
            ? new FloatTensor(data, scoredShape)
            : throw new ArgumentException($"{modelPath}: the seed has {data.LongLength} values, the scored value [{string.Join(",", scoredShape)}] has {count}");
    }

    /// <summary>The whole seed computed from the scored value, for the two-model path.</summary>
    internal FloatTensor Compute(FloatTensor scored, string modelPath) => Kind switch
    {
        SeedKind.TopClass => new FloatTensor(ScoreTarget.OneHotSeed(scored.Shape,
            ScoreTarget.Rows(scored.Data, scored.Shape).Select(row => ClassChoice.Top.Resolve(row, null)).ToList()), scored.Shape),
        SeedKind.ClassInput => new FloatTensor(ScoreTarget.OneHotSeed(scored.Shape, Check(scored.Shape, modelPath)), scored.Shape),
        _ => WeightTensor(scored.Shape, modelPath),
    };

    private IReadOnlyList<int> Check(long[] scoredShape, string modelPath)
    {
        if (classes!.Count != scoredShape[0])
        {
            throw new ArgumentException($"{modelPath}: {classes.Count} classes given for a batch of {scoredShape[0]}");
        }

        var count = scoredShape.Length > 1 ? scoredShape[1] : 1;
        foreach (var c in classes)
        {
            if (c < 0 || c >= count)
            {
                throw new ModelAuditException($"class {c} does not exist: the model scores {count} classes (0..{count - 1})");
            }
        }

        return classes;
    }
}
