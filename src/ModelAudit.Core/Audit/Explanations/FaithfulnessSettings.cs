using ModelAudit.Core.Analysis.Faithfulness;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// "faithfulness" of a model in modelaudit.json: measure every image's deletion/insertion curves and confidence
/// change, and hold the areas to the bars that are set (an unset bar shows the value without gating it).
/// </summary>
public sealed record FaithfulnessSettings(FaithfulnessOptions Options, double? MaxDeletionAuc = null, double? MinInsertionAuc = null);
