namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// A CAM computed from one image's activation A and gradient g = d score / d A, both K x (h*w) in
/// channel-major order. Returns the h*w map after ReLU. Adding a gradient method is one new implementation.
/// </summary>
internal interface IGradientCam
{
    float[] Map(ReadOnlySpan<float> activation, ReadOnlySpan<float> gradient, int channels, int plane);
}
