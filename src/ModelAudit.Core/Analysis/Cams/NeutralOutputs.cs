using ModelAudit.Onnx;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Which forward values a CAM session may also output without changing how ONNX Runtime computes everything else.
/// A graph output keeps ORT from fusing its producer with its consumers. For the output of an activation or a pooling
/// that changes nothing (Conv + ReLU still fuse, and the fused node writes the ReLU's value), but folding a
/// BatchNormalization or a constant Mul/Add into a Conv, or an Add into a MatMul, rounds differently: measured on the
/// benchmark ResNet, exposing conv1 moved a cold audit's probabilities by up to 6e-6 from a warm one's. A quantized
/// model's integer fusions read their neighbours, so nothing of it is exposed.
/// </summary>
internal static class NeutralOutputs
{
    private static readonly HashSet<string> Producers = new(StringComparer.Ordinal)
    {
        "Relu", "LeakyRelu", "Clip", "MaxPool", "AveragePool",
    };

    public static bool Allows(OnnxGraph graph, string value) =>
        graph.Producer(value) is { Domain: "" or "ai.onnx" } node && Producers.Contains(node.OpType);
}
