using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Autodiff;

/// <summary>The Relu gradient of [N, C, H, W] tensors (a depthwise-Conv step of the Relu output times dY).</summary>
public class ReluStepMaskTests
{
    private const int Channels = 16;

    // Exact zeros at the kink, negative zero, the smallest normal float, values whose product with the step's slope
    // overflows to +inf, and ordinary values of both signs.
    private static readonly float[] EdgeValues =
        [0f, -0f, 1.17549435e-38f, -1.17549435e-38f, 1e-30f, -1e-30f, 1f, -1f, 3e38f, -3e38f, float.MaxValue, 7.5f, -2.25f, 1e30f, 0.001f, -0.001f];

    public static TheoryData<bool> BehindConv => new() { false, true };

    [Theory]
    [MemberData(nameof(BehindConv))]
    public void Relu_EdgeValues_GradientIsTheSeedExactlyWhereTheInputIsPositive(bool behindConv)
    {
        // Behind an identity 1x1 Conv of 16 channels the Relu runs in ONNX Runtime's blocked layout (fused into the
        // Conv), which is where the step mask is meant to stay; the identity Conv passes values and gradients unchanged.
        var b = new NetBuilder(13);
        var input = b.Input("x", 1, Channels, 2, 2);
        var reluInput = behindConv ? b.Node("Conv", [input, b.Floats(Identity(Channels), [Channels, Channels, 1, 1])]) : input;
        var y = b.Node("Relu", [reluInput]);
        b.Output(y);
        var model = b.Build();
        var data = Enumerable.Range(0, Channels * 4).Select(i => EdgeValues[(i * 7) % EdgeValues.Length]).ToArray();
        var x = new FloatTensor(data, 1, Channels, 2, 2);
        var feeds = new Dictionary<string, FloatTensor> { ["x"] = x };
        var shapes = GradientChecker.StaticShapes(model, feeds);
        var seed = new FloatTensor(GradientChecker.RandomData(new Random(3), data.Length, 5), 1, Channels, 2, 2);
        var expected = data.Select((v, i) => v > 0 ? seed.Data[i] : 0f).ToArray();
        var request = new GradientRequest(["x"], y);

        var twoModel = GradientChecker.RunPlan(GradientBuilder.Build(model, request, shapes), feeds, seed)["x"];
        var fused = GradientChecker.RunFused(model, request, shapes, "x", x, seed)["x"];

        Assert.Equal(expected, twoModel.Data);
        Assert.Equal(expected, fused.Data);
    }

    [Fact]
    public void ConvReluConv_PaddedSixteenChannels_MatchesFiniteDifferences()
    {
        var b = new NetBuilder(13, seed: 21);
        var input = b.Input("x", 2, Channels, 5, 5);
        var pads = Attr.Ints("pads", [1, 1, 1, 1]);
        var h = b.Node("Relu", [b.Node("Conv", [input, b.RandomFloats([Channels, Channels, 3, 3], 0.3f)], pads)]);
        var y = b.Node("Conv", [h, b.RandomFloats([Channels, Channels, 3, 3], 0.3f)], pads);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", [2, Channels, 5, 5], y, seed: 22, epsilon: 1e-3);

        GradientChecker.AssertMatches(result, 1e-2);
    }

    private static float[] Identity(int n) => Enumerable.Range(0, n * n).Select(i => i / n == i % n ? 1f : 0f).ToArray();
}
