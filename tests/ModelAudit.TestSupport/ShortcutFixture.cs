using ModelAudit.Imaging;
using ModelAudit.Onnx;

namespace ModelAudit.TestSupport;

/// <summary>
/// A tiny audit where the truth is known by construction: 32x32 images with a red object in the middle
/// and a blue "watermark" in the top-left corner. The honest model's only feature is redness; the
/// shortcut model's is blueness, so its attention sits on the watermark while it predicts the same class.
/// </summary>
public static class ShortcutFixture
{
    public const int Side = 32;

    /// <summary>The expected region: the object's box [x, y, w, h].</summary>
    public static readonly int[] ObjectBox = [10, 10, 12, 12];

    public static void WriteModel(string path, bool shortcut)
    {
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("image", 1, 3, Side, Side);
        // Two 1x1 filters, then ReLU: the feature map Grad-CAM reads. Filter 0 reads red (honest) or blue
        // (shortcut); filter 1 reads green, which no image has, so it stays silent.
        float[] filters = shortcut ? [0, 0, 1, 0, 1, 0] : [1, 0, 0, 0, 1, 0];
        var features = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: filters, bias: [0, 0], name: "features"), name: "features_relu");
        var pooled = b.Flatten(b.GlobalAveragePool(features, name: "pool"), axis: 1, name: "flat");
        // Class 0 ("object") grows with the feature, class 1 ("empty") shrinks with it.
        var logits = b.Gemm(pooled, 2, weights: [40, 0, -40, 0], bias: [0, 2], name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
        b.Save(path);
    }

    public static void WriteImage(string path, int objectShift = 0)
    {
        var image = new Image(Side, Side);
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var o = ((y * Side) + x) * 4;
                var inObject = x >= ObjectBox[0] + objectShift && x < ObjectBox[0] + ObjectBox[2] + objectShift && y >= ObjectBox[1] && y < ObjectBox[1] + ObjectBox[3];
                var inMark = x < 6 && y < 6;
                image.Pixels[o] = inObject ? (byte)230 : (byte)0;
                image.Pixels[o + 1] = 0;
                image.Pixels[o + 2] = inMark ? (byte)230 : (byte)0;
                image.Pixels[o + 3] = 255;
            }
        }

        PngEncoder.Save(image, path);
    }

    public static string Config(string model = "model.onnx") => $$"""
        {
          "baseline": "baseline",
          "models": [{
            "name": "shapes",
            "path": "{{model}}",
            "preprocess": { "size": [32, 32], "resize": "stretch" },
            "labels": ["object", "empty"],
            "method": "gradcam",
            "thresholds": { "minRelevanceMass": 0.6, "pointingGame": true, "maxMassDrop": 0.1, "minBaselineCorrelation": 0.8 },
            "images": [
              { "path": "a.png", "class": "object", "regions": [{ "box": [10, 10, 12, 12] }] },
              { "path": "b.png", "class": "object", "regions": [{ "box": [10, 10, 12, 12] }] }
            ]
          }]
        }
        """;

    public static string Create(string folder, bool shortcut)
    {
        WriteModel(Path.Combine(folder, "model.onnx"), shortcut);
        WriteImage(Path.Combine(folder, "a.png"));
        WriteImage(Path.Combine(folder, "b.png"), objectShift: 2);
        var config = Path.Combine(folder, "modelaudit.json");
        File.WriteAllText(config, Config());
        return config;
    }
}
