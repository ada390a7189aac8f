using ModelAudit.Onnx;
using ModelAudit.Onnx.Editing;

namespace ModelAudit.Core.Analysis.Sanity;

/// <summary>
/// The model-parameter randomization test of Adebayo et al. 2018: randomize the weights from the head down, one
/// more layer per step, recompute the maps, and compare them with the trained model's (Spearman rank
/// correlation and SSIM, averaged over the images). A map that barely changes once the learned weights are gone
/// does not explain what the model learned, whether it lands in the expected region or not.
/// </summary>
public static class SanityCheck
{
    public const double DefaultThreshold = 0.5;

    /// <summary>Maps of every image (each <c>width * height</c>, the same order every call) for a model.</summary>
    public delegate IReadOnlyList<float[]> MapsOf(OnnxModel model);

    /// <summary>Runs <paramref name="layers"/> cascade steps (fewer when the model has fewer weighted layers).</summary>
    public static SanityResult Run(OnnxModel model, int layers, int seed, int width, int height, MapsOf maps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(maps);
        var names = WeightRandomizer.LayersFromTop(model);
        var trained = maps(model);
        var steps = new List<SanityStep>();
        for (var k = 1; k <= Math.Min(layers, names.Count); k++)
        {
            var randomized = maps(WeightRandomizer.RandomizeFromTop(model, k, seed));
            double spearman = 0, ssim = 0;
            for (var i = 0; i < trained.Count; i++)
            {
                spearman += RankCorrelation.Spearman(trained[i], randomized[i]);
                ssim += StructuralSimilarity.Compute(trained[i], randomized[i], width, height);
            }

            var n = Math.Max(1, trained.Count);
            steps.Add(new SanityStep(k, names[k - 1], spearman / n, ssim / n));
        }

        return new SanityResult(steps);
    }
}

/// <summary>One cascade step: the top <see cref="Layers"/> weighted layers randomized, down to <see cref="Layer"/>.</summary>
public sealed record SanityStep(int Layers, string Layer, double Spearman, double Ssim);

/// <summary>The cascade's steps, in order.</summary>
public sealed record SanityResult(IReadOnlyList<SanityStep> Steps)
{
    /// <summary>The rank correlation after the last step: the most weights randomized.</summary>
    public double FinalSpearman => Steps.Count > 0 ? Steps[^1].Spearman : double.NaN;

    /// <summary>False when, with the weights randomized, the maps still correlate above <paramref name="threshold"/>.</summary>
    public bool DependsOnWeights(double threshold = SanityCheck.DefaultThreshold) =>
        Steps.Count > 0 && Math.Abs(FinalSpearman) <= threshold;
}
