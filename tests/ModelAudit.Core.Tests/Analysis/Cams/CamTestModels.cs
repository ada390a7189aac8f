using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Cams;

/// <summary>Tiny hand-built models whose activations and gradients can be worked out on paper.</summary>
internal static class CamTestModels
{
    public static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    /// <summary>Tensor = pixel value (no scaling), so test images spell the input tensor directly.</summary>
    public static readonly PreprocessOverrides Raw = new() { Scale = 1f };

    /// <summary>
    /// x [N,3,2,2] -> Conv 1x1 (channel 0 = red, channel 1 = 2 - red/2) -> Relu "features" [N,2,2,2] ->
    /// Flatten -> Gemm "logits" (weights W, so d logit_c / d features = row c of W) -> Softmax.
    /// </summary>
    public static string LinearHead(TempDir temp, float[] gemmWeights)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", -1, 3, 2, 2);
        var a = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: [1, 0, 0, -0.5f, 0, 0], bias: [0, 2], name: "conv"), name: "features");
        var logits = b.Gemm(b.Flatten(a, axis: 1), 2, weights: gemmWeights, bias: [0, 0], name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probs"));
        var path = temp.File("linear-head.onnx");
        b.Save(path);
        return path;
    }

    /// <summary>
    /// x [N,3,2,2] -> Conv 1x1 "features" = (w0 * red, w1 * red), a rank-1 activation -> Shrink (no
    /// gradient rule; the identity with lambd = bias = 0) -> Flatten -> Gemm -> Softmax.
    /// </summary>
    public static string RankOne(TempDir temp, float w0, float w1)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", -1, 3, 2, 2);
        var a = b.Conv(x, outChannels: 2, kernel: 1, weights: [w0, 0, 0, w1, 0, 0], bias: [0, 0], name: "features");
        var t = NoGradientIdentity(b, a, 2, 2, 2);
        b.Output(b.Softmax(b.Gemm(b.Flatten(t, axis: 1), 2, name: "logits"), axis: 1, name: "probs"));
        var path = temp.File("rank-one.onnx");
        b.Save(path);
        return path;
    }

    /// <summary>
    /// x [N,3,4,4] -> grey (Conv 1x1, 1/3 each) -> AveragePool 2x2: s = the four quadrant means -> + P, Relu:
    /// "features" [N,4,2,2] where channel k holds s only at quadrant k (P is -10 elsewhere) -> Shrink
    /// (no gradient rule) -> Flatten -> Gemm: logit 0 = 5 * s_topleft + s_topright + s_bottomleft + s_bottomright.
    /// The evidence for class 0 is mostly in the top-left corner.
    /// </summary>
    public static string QuadrantEvidence(TempDir temp)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", -1, 3, 4, 4);
        var grey = b.Conv(x, outChannels: 1, kernel: 1, weights: [1f / 3, 1f / 3, 1f / 3], bias: [0], name: "grey");
        var s = b.AveragePool(grey, kernel: 2, stride: 2, name: "quadrants");
        var p = new float[16];
        for (var k = 0; k < 4; k++)
        {
            for (var q = 0; q < 4; q++)
            {
                p[(k * 4) + q] = q == k ? 0f : -10f;
            }
        }

        var a = b.Relu(b.Add(s, b.Initializer("position", p, 1, 4, 2, 2)), name: "features");
        var t = NoGradientIdentity(b, a, 4, 2, 2);
        var w = new float[32];
        w[0] = 5;       // channel 0, top-left
        w[5] = 1;       // channel 1, top-right
        w[10] = 1;      // channel 2, bottom-left
        w[15] = 1;      // channel 3, bottom-right
        for (var i = 16; i < 32; i++)
        {
            w[i] = 0.1f;
        }

        b.Output(b.Softmax(b.Gemm(b.Flatten(t, axis: 1), 2, weights: w, bias: [0, 0], name: "logits"), axis: 1, name: "probs"));
        var path = temp.File("quadrants.onnx");
        b.Save(path);
        return path;
    }

    public static Image Uniform(int width, int height, byte value)
    {
        var px = new byte[width * height * 4];
        for (var i = 0; i < px.Length; i += 4)
        {
            px[i] = px[i + 1] = px[i + 2] = value;
            px[i + 3] = 255;
        }

        return new Image(width, height, px);
    }

    /// <summary>A 2x2 image whose red channel is <paramref name="red"/> (row-major), green and blue 0.</summary>
    public static Image Red2x2(params byte[] red)
    {
        var px = new byte[16];
        for (var i = 0; i < 4; i++)
        {
            px[i * 4] = red[i];
            px[(i * 4) + 3] = 255;
        }

        return new Image(2, 2, px);
    }

    public static CamResult Single(string modelPath, Image image, CamRequest request, PreprocessOverrides? preprocessing = null)
    {
        using var model = PreparedModel.Open(modelPath, preprocessing ?? Raw, Cpu);
        using var analyzer = new CamAnalyzer(model, Cpu);
        return analyzer.Compute([("image", image)], request)[0];
    }

    public static CamRequest Request(CamMethod method, ClassChoice? choice = null, string layer = "features") =>
        new(method, layer, choice ?? ClassChoice.Top, ScoreKind.Logit);

    // Shrink(lambd = 0, bias = 0) passes every value unchanged, and has no gradient rule.
    private static string NoGradientIdentity(ModelBuilder b, string value, params long[] chw)
    {
        var output = b.Node("Shrink", [value], 1, ("lambd", 0f), ("bias", 0f))[0];
        b.SetShape(output, [-1, .. chw]);
        return output;
    }
}
