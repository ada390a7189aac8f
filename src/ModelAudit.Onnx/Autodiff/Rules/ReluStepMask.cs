namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// The Relu gradient of an image-shaped tensor [N, C, H, W] written so ONNX Runtime's CPU provider keeps it in its
/// blocked (NCHWc) Conv layout: the 0/1 step of the Relu output Y as Clip(DepthwiseConv1x1(Y, weight 1e38), 0, 1),
/// then dX = dY * step.
/// </summary>
/// <remarks>
/// Why not Where(Greater(X, 0), dY, 0): ONNX Runtime runs Greater and Where only in the plain layout, so the Conv
/// output the mask read and the incoming gradient were both reordered out of the blocked layout, the result was
/// reordered back in for the next backward Conv, and the forward Relu no longer fused into its Conv. A depthwise 1x1
/// Conv with Clip fused into it, and a Mul of two same-shaped blocked tensors, stay blocked (on a torchvision
/// ResNet-18, batch 8, one thread: fused saliency run / plain run 2.51-2.54 against 2.62-2.69).
/// Exactness: Y &gt; 0 exactly where X &gt; 0. The step is exactly 0 or 1 for every Y that is zero or a normal float
/// (Y &gt;= 1.18e-38 gives Y * 1e38 &gt; 1; products that overflow are +inf, which Clip makes 1), so dY * step is dY or 0
/// exactly. Only a subnormal Y (between 1.4e-45 and 1.18e-38) gets a step between 1.4e-7 and 1 instead of 1. A NaN
/// in Y gives a NaN gradient there (the Where form gave 0): the forward pass is already NaN, and the map says so.
/// Guided backprop also masks by the sign of dY and keeps the Where form, as do tensors of other ranks.
/// </remarks>
internal static class ReluStepMask
{
    /// <summary>The steepest finite slope: the step reaches 1 at the smallest normal float.</summary>
    private const float Steepness = 1e38f;

    public static bool Applies(GradientContext c) => !c.Guided && c.OutShape(0) is { Length: 4 } shape && shape[1] > 0;

    public static string Apply(GradientContext c)
    {
        var e = c.E;
        var channels = c.OutShape(0)[1];
        var weights = e.Floats(Enumerable.Repeat(Steepness, (int)channels).ToArray(), channels, 1, 1, 1);
        var scaled = e.Op("Conv", [c.Out(0), weights], Attr.Ints("kernel_shape", [1, 1]), Attr.Int("group", channels));
        var step = e.Op("Clip", [scaled, e.Scalar(0f), e.Scalar(1f)]);
        return e.Mul(c.Dy, step);
    }
}
