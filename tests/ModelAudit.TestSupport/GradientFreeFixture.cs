using ModelAudit.Onnx;

namespace ModelAudit.TestSupport;

/// <summary>
/// The honest shortcut-fixture model behind an operator that has no gradient rule (Shrink with lambd 0 and
/// bias 0: the identity on these images), audited with Eigen-CAM, which needs no gradient: the audit must pass
/// while the filter patterns of the layer, whose path from the input crosses the Shrink, cannot be computed.
/// </summary>
public static class GradientFreeFixture
{
    public const string UnsupportedOperator = "Shrink";

    public static void WriteModel(string path)
    {
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("image", 1, 3, ShortcutFixture.Side, ShortcutFixture.Side);
        var shrunk = b.Node(UnsupportedOperator, [x], 1, ("lambd", 0f), ("bias", 0f))[0];
        b.SetShape(shrunk, 1, 3, ShortcutFixture.Side, ShortcutFixture.Side);
        var features = b.Relu(b.Conv(shrunk, outChannels: 2, kernel: 1, weights: [1, 0, 0, 0, 1, 0], bias: [0, 0], name: "features"), name: "features_relu");
        var pooled = b.Flatten(b.GlobalAveragePool(features, name: "pool"), axis: 1, name: "flat");
        var logits = b.Gemm(pooled, 2, weights: [40, 0, -40, 0], bias: [0, 2], name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
        b.Save(path);
    }

    public static string Create(string folder)
    {
        var config = ShortcutFixture.Create(folder, shortcut: false);
        WriteModel(Path.Combine(folder, "model.onnx"));
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"method\": \"gradcam\"", "\"method\": \"eigencam\"", StringComparison.Ordinal));
        return config;
    }
}
