using ModelAudit.Onnx;

namespace ModelAudit.Benchmarks.Models;

/// <summary>
/// A ResNet-18-shaped classifier (He et al. 2016, torchvision layout) with seeded random weights. The input is
/// [N, 3, H, W] with every size free, so one file serves 224x224 analyses and 64x64 filter ascent alike.
/// </summary>
internal static class ResNet18Model
{
    /// <summary>The value filter patterns are measured on: the end of stage 2 of 4 (128 channels, stride 8).</summary>
    public const string MiddleLayer = "layer2.1.relu2";

    /// <summary>The last 4-D value before pooling (512 channels, 7x7 at 224): what Grad-CAM's "auto" picks.</summary>
    public const string LastConvLayer = "layer4.1.relu2";

    private static readonly int[] StageChannels = [64, 128, 256, 512];

    public static byte[] Build(int seed = 18)
    {
        var b = new ModelBuilder(opset: 13, seed: seed);
        var x = b.Input("input", ["N", "3", "H", "W"]);
        x = b.Conv(x, 64, kernel: 7, stride: 2, pad: 3, name: "conv1", hasBias: false);
        x = b.BatchNormalization(x, name: "bn1");
        x = b.Relu(x, name: "relu");
        x = b.MaxPool(x, kernel: 3, stride: 2, pad: 1, name: "maxpool");
        for (var stage = 0; stage < StageChannels.Length; stage++)
        {
            var channels = StageChannels[stage];
            x = BasicBlock(b, x, $"layer{stage + 1}.0", channels, stride: stage == 0 ? 1 : 2);
            x = BasicBlock(b, x, $"layer{stage + 1}.1", channels, stride: 1);
        }

        x = b.GlobalAveragePool(x, name: "avgpool");
        x = b.Flatten(x, name: "flatten");
        x = b.Gemm(x, 1000, name: "fc");
        b.Output(b.Softmax(x, axis: 1, name: "prob"));
        return b.ToBytes();
    }

    /// <summary>Two 3x3 convolutions with a residual; a 1x1 projection when the stride or width changes.</summary>
    private static string BasicBlock(ModelBuilder b, string x, string name, int channels, int stride)
    {
        var y = b.Conv(x, channels, kernel: 3, stride: stride, pad: 1, name: name + ".conv1", hasBias: false);
        y = b.BatchNormalization(y, name: name + ".bn1");
        y = b.Relu(y, name: name + ".relu1");
        y = b.Conv(y, channels, kernel: 3, stride: 1, pad: 1, name: name + ".conv2", hasBias: false);
        y = b.BatchNormalization(y, name: name + ".bn2");
        var shortcut = x;
        if (stride != 1 || b.ShapeOf(x)?.Dims[1].Value != channels)
        {
            shortcut = b.Conv(x, channels, kernel: 1, stride: stride, pad: 0, name: name + ".downsample.0", hasBias: false);
            shortcut = b.BatchNormalization(shortcut, name: name + ".downsample.1");
        }

        return b.Relu(b.Add(y, shortcut, name: name + ".add"), name: name + ".relu2");
    }
}
