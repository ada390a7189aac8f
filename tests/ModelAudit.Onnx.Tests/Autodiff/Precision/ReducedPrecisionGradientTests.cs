using Google.Protobuf;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Precision;
using ModelAudit.Onnx.Proto;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Autodiff.Precision;

public class ReducedPrecisionGradientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QuantizeDequantize_StraightThrough_IsTheFloatGradientMaskedWhereClipped(bool perChannel)
    {
        // y = Conv(DQ(Q(x))): linear after the quantization, so the float model's gradient (checked by finite
        // differences) does not depend on x and the QDQ gradient must be exactly it where x was not clipped.
        var random = new Random(7);
        var weights = GradientChecker.RandomData(random, 4 * 3 * 3 * 3);
        float[] scales = perChannel ? [0.01f, 0.02f, 0.005f] : [0.01f];
        long[] zeros = perChannel ? [0, 10, -20] : [3];
        var x = GradientChecker.RandomData(random, 3 * 5 * 5, scale: 2);

        var quantized = Model(weights, scales, zeros, qdq: true);
        var plain = Model(weights, scales, zeros, qdq: false);
        var input = new FloatTensor(x, 1, 3, 5, 5);
        var seed = GradientChecker.RandomData(random, 4 * 5 * 5);
        var floatCheck = GradientChecker.Check(plain, "x", input, "y", new Random(1), 1e-3, weights: seed);
        GradientChecker.AssertMatches(floatCheck, 1e-3);

        var shapes = GradientChecker.StaticShapes(quantized, new Dictionary<string, FloatTensor> { ["x"] = input });
        var plan = GradientBuilder.Build(quantized, new GradientRequest(["x"], "y"), shapes);
        var gradient = GradientChecker.RunPlan(plan, new Dictionary<string, FloatTensor> { ["x"] = input }, new FloatTensor(seed, 1, 4, 5, 5))["x"].Data;

        var clipped = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var channel = perChannel ? i / 25 : 0;
            var level = MathF.Round(x[i] / scales[channel], MidpointRounding.ToEven) + zeros[channel];
            var inside = level is >= -128 and <= 127;
            clipped += inside ? 0 : 1;
            Assert.Equal(inside ? floatCheck.Gradient[i] : 0f, gradient[i], 1e-5f);
        }

        Assert.InRange(clipped, 1, x.Length - 1);
        Assert.Equal(GradientPrecision.QuantizationStraightThrough, plan.Precision);
    }

    [Fact]
    public void Float16Model_GradientBuiltInFloat32_MatchesTheFloat32TwinWithoutFloat16Constants()
    {
        // The same function in float16 and float32: the fp16 model's gradient (float32 backward over fp16 forward
        // values) equals the float32 model's up to fp16 rounding of the activations.
        var random = new Random(3);
        var weights = GradientChecker.RandomData(random, 6 * 3 * 3 * 3, 0.5);
        var dense = GradientChecker.RandomData(random, 24 * 2, 0.5);
        var half = Float16Model(weights, dense, half: true);
        var single = Float16Model(weights, dense, half: false);
        var x = GradientChecker.RandomData(random, 3 * 4 * 4).Select(v => (float)(Half)v).ToArray();
        var input = new FloatTensor(x, 1, 3, 4, 4);
        var seed = new FloatTensor(GradientChecker.RandomData(random, 2), 1, 2);

        var reference = GradientChecker.Check(single, "x", input, "y", new Random(2), 1e-3, weights: seed.Data);
        GradientChecker.AssertMatches(reference, 1e-3);
        var shapes = GradientChecker.StaticShapes(half, new Dictionary<string, FloatTensor> { ["x"] = input });
        var plan = GradientBuilder.Build(half, new GradientRequest(["x"], "y"), shapes);
        var gradient = GradientChecker.RunPlan(plan, new Dictionary<string, FloatTensor> { ["x"] = input }, seed)["x"].Data;

        Assert.True(Cosine(gradient, reference.Gradient) > 0.999, $"cosine {Cosine(gradient, reference.Gradient)}");
        Assert.Equal(GradientPrecision.FromFloat16, plan.Precision);
        var backward = ModelProto.Parser.ParseFrom(plan.BackwardModel);
        Assert.DoesNotContain(backward.Graph.Initializer, t => t.DataType == 10);
        Assert.Contains("float32 from the float16 model", GradientPrecisions.Describe(plan.Precision), StringComparison.Ordinal);
    }

    private static OnnxModel Model(float[] weights, float[] scales, long[] zeros, bool qdq)
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 3, 5, 5);
        var value = x;
        if (qdq)
        {
            var scale = b.Floats(scales, scales.Length == 1 ? [] : [scales.Length]);
            var zero = Int8(b, zeros);
            value = b.Node("DequantizeLinear", [b.Node("QuantizeLinear", [x, scale, zero]), scale, zero]);
        }

        var conv = b.Node("Conv", [value, b.Floats(weights, [4, 3, 3, 3])], Attr.Ints("pads", [1, 1, 1, 1]));
        return Rename(b, conv);
    }

    private static OnnxModel Float16Model(float[] weights, float[] dense, bool half)
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 3, 4, 4);
        var conv = b.Node("Conv", [x, b.Floats(weights, [6, 3, 3, 3])], Attr.Ints("pads", [1, 1, 1, 1]), Attr.Ints("strides", [2, 2]));
        var act = b.Node("Tanh", [conv]);
        var flat = b.Node("Reshape", [act, b.Ints(1, -1)]);
        var y = b.Node("MatMul", [flat, b.Floats(dense, [24, 2])]);
        var model = Rename(b, y).Proto.Clone();
        if (half)
        {
            // float16 throughout: weights, input, output (what fp16 conversion tools write).
            foreach (var init in model.Graph.Initializer.Where(t => t.DataType == 1))
            {
                var values = init.FloatData.Select(v => (Half)v).ToArray();
                init.FloatData.Clear();
                init.DataType = 10;
                init.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }

            model.Graph.Input[0].Type.TensorType.ElemType = 10;
        }

        return OnnxModel.Parse(model.ToByteArray(), half ? "fp16.onnx" : "fp32.onnx");
    }

    /// <summary>Names the scored value "y" (NetBuilder names outputs by operator).</summary>
    private static OnnxModel Rename(NetBuilder b, string output)
    {
        b.Node("Identity", [output]);
        var model = b.Build().Proto.Clone();
        var identity = model.Graph.Node.Last();
        identity.Output[0] = "y";
        model.Graph.Output.Add(new ValueInfoProto { Name = "y" });
        return OnnxModel.Parse(model.ToByteArray(), "test.onnx");
    }

    private static string Int8(NetBuilder b, long[] values)
    {
        var name = b.Floats([.. values.Select(v => (float)v)], values.Length == 1 ? [] : [values.Length]);
        return b.Node("Cast", [name], Attr.Int("to", 3));
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
