using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ResizeGradientTests
{
    public static TheoryData<long, string, string, string, float, float> Cases => new()
    {
        // opset, mode, coordinate transformation, nearest mode, scale H, scale W
        { 9, "nearest", "", "", 2f, 3f },
        { 9, "linear", "", "", 2f, 2f },
        { 10, "nearest", "", "", 2f, 2f },
        { 10, "linear", "", "", 1.5f, 2f },
        { 11, "nearest", "asymmetric", "floor", 2f, 2f },
        { 11, "nearest", "half_pixel", "round_prefer_floor", 2f, 3f },
        { 11, "nearest", "half_pixel", "round_prefer_ceil", 1.5f, 0.5f },
        { 11, "nearest", "pytorch_half_pixel", "ceil", 3f, 2f },
        { 11, "linear", "half_pixel", "", 2f, 2f },
        { 11, "linear", "align_corners", "", 2.5f, 1.75f },
        { 11, "linear", "pytorch_half_pixel", "", 2f, 0.5f },
        { 13, "linear", "asymmetric", "", 2f, 3f },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resize_ModesAndOpsets_MatchesFiniteDifferences(long opset, string mode, string transform, string nearest, float sh, float sw)
    {
        var b = new NetBuilder(opset);
        var x = b.Input("x", 1, 2, 4, 6);
        var scales = b.Floats([1f, 1f, sh, sw], [4]);
        var attributes = new List<Proto.AttributeProto> { Attr.Str("mode", mode) };
        if (transform.Length > 0)
        {
            attributes.Add(Attr.Str("coordinate_transformation_mode", transform));
        }

        if (nearest.Length > 0)
        {
            attributes.Add(Attr.Str("nearest_mode", nearest));
        }

        var y = opset switch
        {
            9 => b.Node("Upsample", [x, scales], [.. attributes]),
            10 => b.Node("Resize", [x, scales], [.. attributes]),
            _ => b.Node("Resize", [x, b.Floats([], [0]), scales], [.. attributes]),
        };
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [1, 2, 4, 6], y, seed: 11), 1e-3);
    }

    [Fact]
    public void Resize_SizesInput_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 3, 5, 4);
        var y = b.Node("Resize", [x, "", "", b.Ints(1, 3, 9, 12)], Attr.Str("mode", "linear"));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [1, 3, 5, 4], y, seed: 12), 1e-3);
    }

    [Fact]
    public void Resize_IntegerNearestUpsampling_UsesBoxSumConv()
    {
        var b = new NetBuilder(11);
        var x = b.Input("x", 1, 2, 3, 3);
        var y = b.Node("Resize", [x, b.Floats([], [0]), b.Floats([1f, 1f, 2f, 2f], [4])], Attr.Str("mode", "nearest"));
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [1, 2, 3, 3], y, seed: 13);

        GradientChecker.AssertMatches(result, 1e-3);
        var backward = Proto.ModelProto.Parser.ParseFrom(result.Plan.BackwardModel);
        Assert.Contains(backward.Graph.Node, n => n.OpType == "Conv");
        Assert.DoesNotContain(backward.Graph.Node, n => n.OpType == "MatMul");
    }

    [Fact]
    public void Resize_Antialias_IsReportedAsUnsupported()
    {
        var b = new NetBuilder(18);
        var x = b.Input("x", 1, 1, 3, 3);
        var y = b.Node("Resize", [x, b.Floats([], [0]), b.Floats([1f, 1f, 2f, 2f], [4])], Attr.Str("mode", "linear"), Attr.Int("antialias", 1));
        b.Output(y);
        var model = b.Build();
        var shapes = new Dictionary<string, long[]> { ["x"] = [1, 1, 3, 3], [y] = [1, 1, 6, 6] };

        var error = Assert.Throws<UnsupportedGradientException>(() => GradientBuilder.Build(model, new GradientRequest(["x"], y), shapes));

        Assert.Equal("Resize", error.OpType);
        Assert.Contains("antialias", error.Message, StringComparison.Ordinal);
    }
}
