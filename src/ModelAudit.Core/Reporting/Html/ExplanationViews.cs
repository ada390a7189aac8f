using System.Globalization;
using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Explanations;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>An image's faithfulness as the card shows it: the small curve and its numbers, with the baseline's areas when compared.</summary>
internal sealed record FaithfulnessView(TrustedHtml Svg, string DeletionAuc, string InsertionAuc, string Drop,
    string? BaselineDeletionAuc = null, string? BaselineInsertionAuc = null)
{
    public static FaithfulnessView Of(FaithfulnessMeasure measure, FaithfulnessAreas? baseline = null) => new(
        FaithfulnessCurveSvg.Render(measure.Curves),
        ReportText.Number(measure.Curves.DeletionAuc),
        ReportText.Number(measure.Curves.InsertionAuc),
        ReportText.Percent(measure.Drop),
        baseline is null ? null : ReportText.Number(baseline.DeletionAuc),
        baseline is null ? null : ReportText.Number(baseline.InsertionAuc));
}

/// <summary>A model's sanity check as its section shows it.</summary>
internal sealed record SanityView(string Status, string Verdict, string Threshold, int Images, IReadOnlyList<SanityStepView> Steps)
{
    public static SanityView Of(SanityReport sanity) => new(
        sanity.DependsOnWeights ? "pass" : "warn",
        sanity.DependsOnWeights ? "the maps depend on the learned weights" : "the maps barely change with the weights randomized (MA1303)",
        ReportText.Number(sanity.Threshold),
        sanity.Images,
        [.. sanity.Steps.Select(s => new SanityStepView(s.Layers.ToString(CultureInfo.InvariantCulture), s.Layer, ReportText.Number(s.Spearman), ReportText.Number(s.Ssim)))]);
}

internal sealed record SanityStepView(string Layers, string Layer, string Spearman, string Ssim);
