using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// `modelaudit baseline accept`: records what every model does now (maps, metrics, model hash) as the
/// baseline that later audits compare with. The only code that writes a baseline.
/// </summary>
public static class BaselineAcceptor
{
    public static IReadOnlyList<BaselineModel> Accept(AuditConfig config, AuditOptions options)
    {
        var written = new List<BaselineModel>();
        foreach (var entry in config.Models)
        {
            var analysis = ModelAnalysis.Run(config, entry, options);
            var images = analysis.Images.Select(x =>
            {
                var (_, metrics) = LocalizationMeasure.Of(x.Entry, x.Image, x.Cam);
                return new BaselineImage(x.Entry.Path, x.Cam.PredictedClass, x.Cam.PredictedProbability, metrics.RelevanceMass,
                    x.Cam.MapWidth, x.Cam.MapHeight, x.Cam.Map);
            }).ToList();
            var model = new BaselineModel(entry.Name, analysis.Facts.Sha256, analysis.Facts.Method, analysis.Facts.Layer, images);
            BaselineStore.Write(config.BaselineDirectory, model);
            written.Add(model);
        }

        return written;
    }
}
