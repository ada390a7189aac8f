using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Metrics;
using ModelAudit.Core.Audit.Regions;

namespace ModelAudit.Core.Audit.Running;

/// <summary>An image's map on the original picture and its metrics against the expected regions: what the audit and `baseline accept` both measure.</summary>
internal static class LocalizationMeasure
{
    /// <remarks>The original size comes from the map's placement: the decoded picture is not needed (nor kept) for this.</remarks>
    public static (float[] Heat, LocalizationMetrics Metrics) Of(ImageEntry entry, CamResult cam)
    {
        var (width, height) = (cam.Placement.ImageWidth, cam.Placement.ImageHeight);
        var heat = CamProjection.ToImage(cam);
        var region = RegionMask.Rasterize(entry.Regions, width, height);
        var metrics = LocalizationMetricsCalculator.Compute(heat, width, height, region,
            entry.Thresholds.PointingTolerance, entry.Thresholds.IouTopPercent);
        return (heat, metrics);
    }
}
