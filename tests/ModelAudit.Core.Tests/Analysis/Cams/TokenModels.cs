using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Cams;

/// <summary>
/// Tiny transformer-shaped models over a 4x4 image whose red channel is 1..16 (row-major; tensor = pixel value).
/// A 2x2/stride-2 patch Conv gives per patch p (row-major over the 2x2 patch grid) s = the sum of its four red
/// pixels (14, 22, 46, 54), tl = its top-left pixel (1, 3, 9, 11) and br = its bottom-right pixel (6, 8, 14, 16).
/// </summary>
internal static class TokenModels
{
    /// <summary>The 4x4 image the token models expect.</summary>
    public static Image Ramp()
    {
        var px = new byte[4 * 4 * 4];
        for (var i = 0; i < 16; i++)
        {
            px[i * 4] = (byte)(i + 1);
            px[(i * 4) + 3] = 255;
        }

        return new Image(4, 4, px);
    }

    /// <summary>
    /// ViT-like with mean pooling: patch tokens (s, -tl) [1,2,4] -> Transpose [1,4,2] -> Pad one leading class token
    /// (0.5, 0.5) -> tokens [1,5,2] -> ReduceMean over tokens -> MatMul W [2,2] "logits". So d logit_k / d tokens = W[:,k] / 5
    /// at every token.
    /// </summary>
    public static (string Path, string Tokens) MeanPooled(TempDir temp, float[] w)
    {
        var b = new ModelBuilder(opset: 13);
        var tokens = PatchTokens(b, channels: 2);
        var pooled = Node(b, "ReduceMean", [tokens], [1, 2], ("axes", new long[] { 1 }), ("keepdims", 0L));
        b.Output(b.MatMul(pooled, 2, weights: w, name: "logits"));
        return (Save(b, temp, "mean-pooled.onnx"), tokens);
    }

    /// <summary>
    /// ViT-like with a class-token read-out: tokens [1,5,2] -> attention without projections (softmax(T T^T) T) ->
    /// residual = attention + tokens -> Gather token 0 -> MatMul W "logits". Only the class token reaches the logits
    /// from the residual; the grid tokens reach them through the attention from the tokens.
    /// </summary>
    public static (string Path, string Tokens, string Residual) ClassTokenReadout(TempDir temp, float[] w)
    {
        var b = new ModelBuilder(opset: 13);
        var tokens = PatchTokens(b, channels: 2);
        var keys = Node(b, "Transpose", [tokens], [1, 2, 5], ("perm", new long[] { 0, 2, 1 }));
        var scores = Node(b, "MatMul", [tokens, keys], [1, 5, 5]);
        var weights = Node(b, "Softmax", [Node(b, "Mul", [scores, b.Initializer("temperature", [0.01f], 1)], [1, 5, 5])], [1, 5, 5], ("axis", -1L));
        var mixed = Node(b, "MatMul", [weights, tokens], [1, 5, 2]);
        var residual = Node(b, "Add", [mixed, tokens], [1, 5, 2]);
        var cls = Node(b, "Gather", [residual, b.Int64Initializer("first", [0])], [1, 2], ("axis", 1L));
        b.Output(b.MatMul(cls, 2, weights: w, name: "logits"));
        return (Save(b, temp, "class-token.onnx"), tokens, residual);
    }

    /// <summary>
    /// Swin-like channels last: patch Conv (s, -tl, br) [1,3,2,2] -> Transpose to NHWC [1,2,2,3] -> ReduceMean over H, W ->
    /// MatMul W [3,2] "logits". So d logit_k / d A[h,w,c] = W[c,k] / 4.
    /// </summary>
    public static (string Path, string Nhwc) ChannelsLast(TempDir temp, float[] w)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 3, 4, 4);
        var patches = b.Conv(x, outChannels: 3, kernel: 2, stride: 2, weights: PatchWeights(3), bias: [0, 0, 0], name: "patch");
        var nhwc = Node(b, "Transpose", [patches], [1, 2, 2, 3], ("perm", new long[] { 0, 2, 3, 1 }));
        var pooled = Node(b, "ReduceMean", [nhwc], [1, 3], ("axes", new long[] { 1, 2 }), ("keepdims", 0L));
        b.Output(b.MatMul(pooled, 2, weights: w, name: "logits"));
        return (Save(b, temp, "channels-last.onnx"), nhwc);
    }

    private static string PatchTokens(ModelBuilder b, int channels)
    {
        var x = b.Input("x", 1, 3, 4, 4);
        var patches = b.Conv(x, outChannels: channels, kernel: 2, stride: 2, weights: PatchWeights(channels), bias: new float[channels], name: "patch");
        var flat = b.Reshape(patches, [1, channels, 4]);
        var grid = Node(b, "Transpose", [flat], [1, 4, channels], ("perm", new long[] { 0, 2, 1 }));
        var pads = b.Int64Initializer("cls_pads", [0, 1, 0, 0, 0, 0], 6);
        return Node(b, "Pad", [grid, pads, b.Initializer("cls_value", [0.5f])], [1, 5, channels]);
    }

    /// <summary>Kernels over the red plane of a 2x2 patch: sum, minus top-left, bottom-right.</summary>
    private static float[] PatchWeights(int channels)
    {
        float[][] red = [[1, 1, 1, 1], [-1, 0, 0, 0], [0, 0, 0, 1]];
        var w = new float[channels * 3 * 4];
        for (var c = 0; c < channels; c++)
        {
            red[c].CopyTo(w, c * 12);
        }

        return w;
    }

    private static string Node(ModelBuilder b, string op, string[] inputs, long[] shape, params (string Name, object Value)[] attributes)
    {
        var output = b.Node(op, inputs, 1, attributes)[0];
        b.SetShape(output, shape);
        return output;
    }

    private static string Save(ModelBuilder b, TempDir temp, string file)
    {
        var path = temp.File(file);
        b.Save(path);
        return path;
    }
}
