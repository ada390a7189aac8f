using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Audit.Baselines;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// "faithfulness" of a model in modelaudit.json: measure every image's deletion/insertion curves and confidence
/// change, and hold the areas to the bars that are set (an unset bar shows the value without gating it).
/// <see cref="MaxFaithfulnessDrop"/> holds them to the baseline's: see <see cref="FaithfulnessAreas.Drop"/>.
/// </summary>
public sealed record FaithfulnessSettings(FaithfulnessOptions Options, double? MaxDeletionAuc = null, double? MinInsertionAuc = null,
    double? MaxFaithfulnessDrop = null)
{
    /// <summary>What a baseline records of these settings: areas are comparable only between equal ones.</summary>
    public BaselineFaithfulness Recorded => new(Options.Steps, Options.Removal.ToString().ToLowerInvariant());
}
