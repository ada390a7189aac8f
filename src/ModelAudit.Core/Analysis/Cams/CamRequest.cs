using ModelAudit.Core.Analysis.Scoring;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// What to explain: the method, the layer ("auto" or a node/value name), the class and what is scored.
/// With <paramref name="Segmentation"/> set, <paramref name="Class"/> and <paramref name="Score"/> are ignored.
/// </summary>
public sealed record CamRequest(CamMethod Method, string Layer, ClassChoice Class, ScoreKind Score,
    IReadOnlyList<string>? Labels = null, SegmentationTarget? Segmentation = null);
