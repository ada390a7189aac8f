using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>
/// One image's saliency: the signed d score / d input in the input tensor's layout without the batch axis
/// (<see cref="Shape"/>: [C, H, W] for NCHW, [H, W, C] for NHWC), the class it is about, and where the image
/// sits in the tensor (to project maps back onto it).
/// </summary>
public sealed record SaliencyResult(string Image, int Class, string? Label, float Probability, long[] Shape, float[] Gradient,
    ImagePlacement Placement, TensorLayout Layout = TensorLayout.Nchw);
