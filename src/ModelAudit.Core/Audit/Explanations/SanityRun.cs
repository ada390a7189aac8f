using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// The sanity check of one model as configured (its method, layer and score, its first images), shared by the audit
/// and `calibrate`, so both report the same cascade for the same config.
/// </summary>
internal static class SanityRun
{
    public static SanityReport Run(AuditConfig config, ModelEntry entry, AuditOptions options, SanitySettings sanity, string method, string layer, string score)
    {
        var images = (sanity.From ?? entry.Images).Take(sanity.Images).ToList();
        var outcome = ModelAnalysis.Located(config, entry.LocationOf("sanityCheck"), () => SanityRunner.Run(entry.FullPath, entry.Preprocess, options.Settings,
            [.. images.Select(i => (i.Path, ModelAnalysis.Located(config, i.Location, () => ModelAnalysis.Decode(entry, i, options))))],
            new CamRequest(CamMethods.Parse(method), layer, ClassChoice.Top, ScoreKinds.Parse(score), entry.Labels),
            sanity.Options, entry.Input, entry.Output, options.BatchSize, entry.LayerHints));
        return new SanityReport(outcome.Steps, sanity.Options.Threshold, images.Count);
    }
}
