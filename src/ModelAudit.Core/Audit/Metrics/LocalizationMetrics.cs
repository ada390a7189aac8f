namespace ModelAudit.Core.Audit.Metrics;

/// <summary>
/// How well a heatmap lands on the expected regions. When <see cref="FlatMap"/> or
/// <see cref="EmptyRegion"/> is set the metrics are 0 and <see cref="PointingHit"/> false (never NaN);
/// report the flag as its own finding.
/// </summary>
/// <param name="RelevanceMass">Positive map mass inside the regions / total positive mass.</param>
/// <param name="PointingHit">The map's maximum lies in the regions dilated by the tolerance.</param>
/// <param name="RankAccuracy">Share of the K highest pixels inside the regions, K = region area.</param>
/// <param name="IouTop">IoU of the regions with the top p% of pixels.</param>
/// <param name="FlatMap">The map has no positive value.</param>
/// <param name="EmptyRegion">The regions cover no pixel of the image.</param>
/// <param name="PointingDistance">Pixels from the map's maximum to the nearest region pixel (0 inside): the tolerance a miss needs.</param>
public sealed record LocalizationMetrics(double RelevanceMass, bool PointingHit, double RankAccuracy, double IouTop, bool FlatMap, bool EmptyRegion,
    double PointingDistance = 0);
