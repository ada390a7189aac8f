using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Metrics;
using ModelAudit.Core.Audit.Regions;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Running;

/// <summary>An image's map on the original picture and its metrics against the expected regions: what the audit and `baseline accept` both measure.</summary>
internal static class LocalizationMeasure
{
    public static (float[] Heat, LocalizationMetrics Metrics) Of(ImageEntry entry, Image image, CamResult cam)
    {
        var heat = CamProjection.ToImage(cam);
        var region = RegionMask.Rasterize(entry.Regions, image.Width, image.Height);
        var metrics = LocalizationMetricsCalculator.Compute(heat, image.Width, image.Height, region,
            entry.Thresholds.PointingTolerance, entry.Thresholds.IouTopPercent);
        return (heat, metrics);
    }
}
