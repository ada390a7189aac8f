using System.Globalization;
using ModelAudit.Core.Analysis.Scoring;

namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>
/// What to compute. <paramref name="Noise"/> is SmoothGrad's standard deviation as a fraction of the input
/// tensor's range (max - min); <paramref name="Baseline"/> is Integrated Gradients' starting point:
/// "zero" (a tensor of zeros) or "black" (a black picture run through the preprocessing).
/// </summary>
public sealed record SaliencyRequest(SaliencyMethod Method, ClassChoice Class, ScoreKind Score, IReadOnlyList<string>? Labels = null,
    int Samples = 25, float Noise = 0.15f, int Steps = 32, string Baseline = "zero", int Seed = 0)
{
    public static IReadOnlyList<string> Baselines { get; } = ["zero", "black"];

    /// <summary>Rejects settings that cannot give a map, naming the command-line flag that set them.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Class);
        if (Samples < 1)
        {
            throw new ModelAuditException($"--samples {Samples.ToString(CultureInfo.InvariantCulture)}: SmoothGrad needs at least 1 noisy sample");
        }

        if (Steps < 1)
        {
            throw new ModelAuditException($"--steps {Steps.ToString(CultureInfo.InvariantCulture)}: Integrated Gradients needs at least 1 step");
        }

        if (!float.IsFinite(Noise) || Noise < 0)
        {
            throw new ModelAuditException($"--noise {Noise.ToString(CultureInfo.InvariantCulture)}: give a fraction of the input range of 0 or more, e.g. 0.15");
        }

        if (!Baselines.Contains(Baseline, StringComparer.Ordinal))
        {
            throw new ModelAuditException($"--baseline '{Baseline}': give one of {string.Join(", ", Baselines)}");
        }
    }
}
