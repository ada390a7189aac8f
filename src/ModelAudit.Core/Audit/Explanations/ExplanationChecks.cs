using System.Globalization;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// The opt-in questions about the maps themselves, asked after a model's maps are measured: is each image's map
/// faithful to the model (deletion/insertion areas, confidence change; checks MA1301/MA1302), and do the maps depend
/// on the learned weights at all (the sanity check; warning MA1303 on the model)? Works from the results (each
/// image's low-resolution map and class), so it needs nothing of the analysis that made them. With a baseline that
/// measured faithfulness alike, each image's areas are also compared with the baseline's (MA1304).
/// </summary>
internal static class ExplanationChecks
{
    public static (ModelResult Result, IReadOnlyList<Finding> Findings) Apply(AuditConfig config, ModelEntry entry, AuditOptions options, ModelResult result,
        BaselineModel? baseline = null)
    {
        var findings = new List<Finding>();
        if (entry.Faithfulness is { } faithfulness && result.Images.Count > 0)
        {
            result = result with { Images = Faithfulness(config, entry, options, result, faithfulness, baseline) };
            if (FaithfulnessBaselineCheck.Note(config, entry, baseline, faithfulness) is { } note)
            {
                findings.Add(note);
            }
        }

        if (entry.Sanity is { } sanity)
        {
            var report = SanityRun.Run(config, entry, options, sanity, result.Method, result.Layer, result.Score);
            result = result with { Sanity = report };
            if (!report.DependsOnWeights && report.Steps.Count > 0)
            {
                var (last, at) = (report.Steps[^1], entry.LocationOf("sanityCheck"));
                findings.Add(new Finding(Severity.Warning, DiagnosticCodes.SanityCheck, FindingsBuilder.DisplayPath(config.Path), at.Line, at.Column,
                    $"{entry.Name}: {result.Method} maps barely change when the weights are randomized down to {last.Layer} (Spearman {F(last.Spearman)} > {F(sanity.Options.Threshold)}, SSIM {F(last.Ssim)}); they do not show what the model learned there"));
            }
        }

        return (result, findings);
    }

    private static List<ImageResult> Faithfulness(AuditConfig config, ModelEntry entry, AuditOptions options, ModelResult result, FaithfulnessSettings settings,
        BaselineModel? baseline)
    {
        var items = new List<FaithfulnessRun.Item>();
        for (var k = 0; k < result.Images.Count; k++)
        {
            var image = result.Images[k];
            var source = entry.Images[k];
            if (source.Path != image.Path)
            {
                throw new InvalidOperationException($"{entry.Name}: result image {k} is {image.Path}, the config's {source.Path}");
            }

            items.Add(new(source, image.Map, image.MapWidth, image.MapHeight, image.Class));
        }

        var measures = FaithfulnessRun.Measure(config, entry, options, settings, items);
        var comparable = FaithfulnessBaselineCheck.Comparable(baseline, settings) ? baseline : null;
        var images = new List<ImageResult>();
        for (var k = 0; k < result.Images.Count; k++)
        {
            var (image, measure) = (result.Images[k], measures[k]);
            var label = $"{entry.Name}/{image.Path}";
            List<CheckResult> checks =
            [
                FailLevels.Gate(Check("deletion-auc", "Deletion AUC", measure.Curves.DeletionAuc, settings.MaxDeletionAuc, atMost: true, DiagnosticCodes.DeletionAuc, label,
                    "deletion AUC", "the score survives removing the map's top pixels"), options.FailOn),
                FailLevels.Gate(Check("insertion-auc", "Insertion AUC", measure.Curves.InsertionAuc, settings.MinInsertionAuc, atMost: false, DiagnosticCodes.InsertionAuc, label,
                    "insertion AUC", "the map's top pixels alone do not restore the score"), options.FailOn),
            ];
            var comparison = image.Baseline;
            // Matched like the other baseline checks: the first baseline entry of the image's path.
            if (comparison is not null && comparable?.Images.FirstOrDefault(b => b.ImagePath == image.Path)?.Faithfulness is { } stored)
            {
                var now = new FaithfulnessAreas(measure.Curves.DeletionAuc, measure.Curves.InsertionAuc);
                checks.Add(FailLevels.Gate(FaithfulnessBaselineCheck.Check(stored, now, settings.MaxFaithfulnessDrop, label), options.FailOn));
                comparison = comparison with { BaselineFaithfulness = stored };
            }

            images.Add(image with { Faithfulness = measure, Checks = [.. image.Checks, .. checks], Baseline = comparison });
        }

        return images;
    }

    private static CheckResult Check(string id, string title, double value, double? bar, bool atMost, string code, string label, string what, string meaning)
    {
        var pass = bar is null || (atMost ? value <= bar : value >= bar);
        var status = bar is null ? CheckStatus.Info : pass ? CheckStatus.Pass : CheckStatus.Fail;
        var op = atMost ? (pass ? "<=" : ">") : (pass ? ">=" : "<");
        return new CheckResult
        {
            Id = id,
            Title = title,
            Value = value,
            Threshold = bar,
            Comparison = bar is null ? null : atMost ? "<=" : ">=",
            Status = status,
            Code = code,
            Message = bar is null ? $"{label}: {what} {F(value)}" : pass ? $"{label}: {what} {F(value)} {op} {F(bar.Value)}" : $"{label}: {what} {F(value)} {op} {F(bar.Value)}: {meaning}",
        };
    }

    /// <summary>At least two decimals, up to four: how the map checks' messages state areas and correlations.</summary>
    internal static string F(double value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
