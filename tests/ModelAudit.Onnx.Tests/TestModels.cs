using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests;

/// <summary>Small models shared by the tests, written with <see cref="ModelBuilder"/>.</summary>
internal static class TestModels
{
    /// <summary>x[1,3,8,8] -> conv1(4) -> relu -> maxpool 2 -> flatten -> gemm(5) -> softmax.</summary>
    public static ModelBuilder SmallConvNet(int seed = 1)
    {
        var b = new ModelBuilder(opset: 13, seed: seed);
        var x = b.Input("x", 1, 3, 8, 8);
        var c = b.Conv(x, outChannels: 4, kernel: 3, stride: 1, pad: 1, name: "conv1");
        var r = b.Relu(c, name: "relu1");
        var p = b.MaxPool(r, kernel: 2, stride: 2, name: "pool1");
        var f = b.Flatten(p, 1, name: "flat");
        var g = b.Gemm(f, 5, name: "fc");
        b.Output(b.Softmax(g, 1, name: "prob"));
        return b;
    }

    public static ModelProto ParseProto(byte[] bytes) => ModelProto.Parser.ParseFrom(bytes);
}
