using ModelAudit.Onnx;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Models;

/// <summary>
/// `modelaudit doctor`'s check of each execution device: a tiny convnet built here (conv, ReLU, pooling, a
/// classifier) run on every device and on the CPU, so a device is reported as working only after it ran a
/// model and agreed with the CPU (logits and the first feature map).
/// </summary>
public static class DeviceProbe
{
    private const int Side = 16;

    public static IReadOnlyList<DeviceCheckResult> CheckDevices(SessionSettings? settings = null) =>
        DeviceCheck.Run(Model(), new Dictionary<string, FloatTensor> { ["image"] = Image() }, settings);

    internal static byte[] Model()
    {
        var b = new ModelBuilder(opset: 13, seed: 11);
        var x = b.Input("image", 1, 3, Side, Side);
        var features = b.Relu(b.Conv(x, outChannels: 8, kernel: 3, pad: 1, name: "conv"), name: "features");
        var pooled = b.Flatten(b.GlobalAveragePool(b.MaxPool(features, kernel: 2, stride: 2, name: "pool"), name: "gap"), axis: 1, name: "flat");
        b.Output(b.Gemm(pooled, 5, name: "logits"));
        b.Output(features);
        return b.ToBytes();
    }

    /// <summary>A smooth deterministic pattern, different per channel, so every filter sees something.</summary>
    internal static FloatTensor Image()
    {
        var data = new float[3 * Side * Side];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < Side * Side; i++)
            {
                data[(c * Side * Side) + i] = MathF.Sin((i * 0.37f) + (c * 1.3f));
            }
        }

        return new FloatTensor(data, 1, 3, Side, Side);
    }
}
