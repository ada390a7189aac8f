using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ResizeCubicGradientTests
{
    public static TheoryData<string, float, long, float, float, int> Cases => new()
    {
        // coordinate transformation, cubic_coeff_a, exclude_outside, scale H, scale W, seed
        { "half_pixel", -0.75f, 0, 2f, 2f, 1 },
        { "half_pixel", -0.5f, 1, 1.5f, 0.5f, 2 },
        { "pytorch_half_pixel", -0.75f, 0, 2f, 3f, 3 },
        { "align_corners", -0.75f, 0, 2.5f, 1.75f, 4 },
        { "asymmetric", -0.5f, 0, 2f, 2f, 5 },
        { "asymmetric", -0.75f, 1, 3f, 0.75f, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResizeCubic_TransformsAndCoefficients_MatchesFiniteDifferences(
        string transform, float a, long excludeOutside, float sh, float sw, int seed)
    {
        var b = new NetBuilder(13, seed);
        long[] shape = [1, 2, b.Random.Next(3, 7), b.Random.Next(3, 7)];
        var x = b.Input("x", shape);
        var y = b.Node(
            "Resize",
            [x, b.Floats([], [0]), b.Floats([1f, 1f, sh, sw], [4])],
            Attr.Str("mode", "cubic"),
            Attr.Str("coordinate_transformation_mode", transform),
            Attr.Float("cubic_coeff_a", a),
            Attr.Int("exclude_outside", excludeOutside));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", shape, y, seed), 1e-3);
    }
}
