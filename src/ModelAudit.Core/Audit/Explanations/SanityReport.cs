using ModelAudit.Core.Analysis.Sanity;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>A model's sanity check as the reports show it: the cascade, the bar, and how many images it used.</summary>
public sealed record SanityReport(IReadOnlyList<SanityStep> Steps, double Threshold, int Images)
{
    public bool DependsOnWeights => new SanityResult(Steps).DependsOnWeights(Threshold);
}
