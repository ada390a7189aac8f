using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>
/// One image's occlusion sensitivity. <see cref="Map"/> holds score(original) - score(occluded) per patch
/// position (MapHeight rows of MapWidth, row-major); <see cref="Heat"/> spreads those drops over the tensor
/// pixels each patch covered, averaged by how many patches covered a pixel (TensorHeight x TensorWidth of
/// <see cref="Placement"/>), for display.
/// </summary>
public sealed record OcclusionResult(string Image, int Class, float BaseScore, int MapWidth, int MapHeight, float[] Map,
    ImagePlacement Placement, float[] Heat, string? Label = null);
