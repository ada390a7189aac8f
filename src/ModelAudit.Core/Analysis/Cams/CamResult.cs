using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// One image's class activation map. <see cref="Map"/> is MapHeight x MapWidth at the layer's resolution,
/// after ReLU and not normalized (the raw numbers behind the picture); <see cref="Placement"/> maps it back
/// onto the original image (<see cref="CamProjection"/>). For a segmentation target, Class is the output
/// channel and Probability the mean of that channel inside the mask. <see cref="Layout"/> says how the layer was
/// read as a map, and for tokens how many leading (class, distillation, register) tokens were dropped.
/// </summary>
public sealed record CamResult(string Image, int Class, string? Label, float Score, float Probability,
    int PredictedClass, float PredictedProbability, string Layer, int MapWidth, int MapHeight,
    float[] Map, ImagePlacement Placement, LayerLayout Layout = LayerLayout.Nchw, int SkippedTokens = 0);
