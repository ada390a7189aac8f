using ModelAudit.Onnx.Autodiff;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class ConvGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Conv_RandomGeometry_MatchesFiniteDifferences(int seed)
    {
        var random = new Random(seed);
        var group = random.Next(1, 4);
        long inChannels = group * random.Next(1, 3), outChannels = group * random.Next(1, 3);
        long[] kernel = [random.Next(1, 4), random.Next(1, 4)];
        long[] strides = [random.Next(1, 4), random.Next(1, 3)];
        long[] x = [random.Next(1, 3), inChannels, random.Next(6, 11), random.Next(6, 11)];
        var autoPad = new[] { "NOTSET", "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID" }[random.Next(5)];
        // ONNX Runtime refuses dilations together with SAME padding.
        long[] dilations = autoPad.StartsWith("SAME", StringComparison.Ordinal) ? [1, 1] : [random.Next(1, 3), random.Next(1, 3)];

        var b = new NetBuilder(opset: 11, seed);
        var input = b.Input("x", x);
        var w = b.RandomFloats([outChannels, inChannels / group, .. kernel], asConstantNode: seed % 2 == 0);
        var bias = b.RandomFloats([outChannels]);
        var attributes = new List<Proto.AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", strides), Attr.Ints("dilations", dilations),
            Attr.Int("group", group), Attr.Str("auto_pad", autoPad),
        };
        if (autoPad == "NOTSET")
        {
            attributes.Add(Attr.Ints("pads", [random.Next(0, 3), random.Next(0, 3), random.Next(0, 3), random.Next(0, 3)]));
        }

        var y = b.Node("Conv", [input, w, bias], [.. attributes]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", x, y, seed);

        GradientChecker.AssertMatches(result, 1e-3);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public void ConvTranspose_RandomGeometry_MatchesFiniteDifferences(int seed)
    {
        var random = new Random(seed);
        var group = random.Next(1, 3);
        long inChannels = group * random.Next(1, 3), outChannels = group * random.Next(1, 3);
        long[] kernel = [random.Next(1, 4), random.Next(2, 5)];
        long[] strides = [random.Next(1, 4), random.Next(1, 3)];
        long[] dilations = [random.Next(1, 3), 1];
        long[] x = [1, inChannels, random.Next(3, 7), random.Next(3, 7)];

        var b = new NetBuilder(opset: 11, seed);
        var input = b.Input("x", x);
        var w = b.RandomFloats([inChannels, outChannels / group, .. kernel]);
        var attributes = new List<Proto.AttributeProto>
        {
            Attr.Ints("kernel_shape", kernel), Attr.Ints("strides", strides), Attr.Ints("dilations", dilations), Attr.Int("group", group),
        };
        switch (seed % 3)
        {
            case 0:
                attributes.Add(Attr.Ints("pads", [random.Next(0, 2), random.Next(0, 2), random.Next(0, 2), random.Next(0, 2)]));
                attributes.Add(Attr.Ints("output_padding", [strides[0] - 1, 0]));
                break;
            case 1:
                attributes.Add(Attr.Str("auto_pad", "SAME_UPPER"));
                break;
            default:
                attributes.Add(Attr.Ints("output_shape", [(x[2] * strides[0]) - 1, (x[3] * strides[1]) + 1]));
                break;
        }

        var y = b.Node("ConvTranspose", [input, w], [.. attributes]);
        b.Output(y);

        var result = GradientChecker.Check(b.Build(), "x", x, y, seed);

        GradientChecker.AssertMatches(result, 1e-3);
    }
}
