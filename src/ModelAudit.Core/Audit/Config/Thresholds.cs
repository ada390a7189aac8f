namespace ModelAudit.Core.Audit.Config;

/// <summary>
/// The bars an image is held to. A null bar is not gated (the metric is still measured and shown).
/// </summary>
/// <param name="MinRelevanceMass">Share of the map's positive mass inside the regions, 0..1.</param>
/// <param name="PointingGame">True: the map's maximum must lie in a region (within <paramref name="PointingTolerance"/>).</param>
/// <param name="PointingTolerance">Pixels the regions are dilated by for the pointing game.</param>
/// <param name="MinRankAccuracy">Share of the K highest pixels inside the regions (K = region area), 0..1.</param>
/// <param name="MinIouTop">IoU of the regions with the top <paramref name="IouTopPercent"/>% of the map, 0..1.</param>
/// <param name="IouTopPercent">Which top share of the pixels the IoU uses, in (0, 100].</param>
/// <param name="MaxMassDrop">Largest allowed fall of relevance mass from the baseline (absolute, 0..1).</param>
/// <param name="MinBaselineCorrelation">Smallest allowed Pearson correlation with the baseline map, -1..1.</param>
/// <param name="FailOnPredictionChange">Whether a predicted class different from the baseline's fails.</param>
public sealed record Thresholds(
    double? MinRelevanceMass = null,
    bool? PointingGame = null,
    int PointingTolerance = 0,
    double? MinRankAccuracy = null,
    double? MinIouTop = null,
    double IouTopPercent = 20,
    double? MaxMassDrop = null,
    double? MinBaselineCorrelation = null,
    bool FailOnPredictionChange = true)
{
    /// <summary>Nothing gated except a changed prediction; IoU over the top 20%; no pointing tolerance.</summary>
    public static Thresholds Default { get; } = new();

    /// <summary>
    /// These thresholds with an image's overrides on top, field by field: a nullable bar overrides when
    /// set; a bar with a default (tolerance, top percent, prediction change) overrides when it differs
    /// from <see cref="Default"/>, since an unset value cannot be told apart from the default here. The
    /// config loader applies exactly the fields an image writes, so explicit defaults work there.
    /// </summary>
    public Thresholds Merge(Thresholds? imageOverrides)
    {
        if (imageOverrides is null)
        {
            return this;
        }

        var d = Default;
        return new Thresholds(
            imageOverrides.MinRelevanceMass ?? MinRelevanceMass,
            imageOverrides.PointingGame ?? PointingGame,
            imageOverrides.PointingTolerance != d.PointingTolerance ? imageOverrides.PointingTolerance : PointingTolerance,
            imageOverrides.MinRankAccuracy ?? MinRankAccuracy,
            imageOverrides.MinIouTop ?? MinIouTop,
            imageOverrides.IouTopPercent != d.IouTopPercent ? imageOverrides.IouTopPercent : IouTopPercent,
            imageOverrides.MaxMassDrop ?? MaxMassDrop,
            imageOverrides.MinBaselineCorrelation ?? MinBaselineCorrelation,
            imageOverrides.FailOnPredictionChange != d.FailOnPredictionChange ? imageOverrides.FailOnPredictionChange : FailOnPredictionChange);
    }
}
