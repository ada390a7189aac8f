using System.Globalization;
using ModelAudit.Imaging;

namespace ModelAudit.Benchmarks.Models;

/// <summary>
/// The audit case of the whole-process harness (eng/bench/audit-ratios.sh): the ResNet-18-shaped model as a 96x96
/// classifier, 24 seeded 96x96 pictures, and a config auditing them with Grad-CAM at the automatic layer, the
/// default report extras (filter patterns and activation grids) on. Every image expects its centre; the thresholds
/// are loose because the weights are random: the harness times the audit, it does not judge the model.
/// </summary>
internal static class AuditFixture
{
    public const int ImageCount = 24;

    public const int Side = 96;

    public static void Write(string folder, string modelPath, Action<string> log)
    {
        var images = Path.Combine(folder, "images");
        Directory.CreateDirectory(images);
        var entries = new List<string>();
        foreach (var (name, image) in SyntheticImages.Batch(ImageCount, Side, Side, seed: 96))
        {
            File.WriteAllBytes(Path.Combine(images, name + ".png"), PngEncoder.Encode(image));
            entries.Add($$"""        { "path": "images/{{name}}.png", "regions": [{ "box": [24, 24, 48, 48] }] }""");
        }

        var model = Path.GetRelativePath(folder, modelPath).Replace('\\', '/');
        var config = string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "baseline": "baseline",
              "models": [
                {
                  "name": "resnet18-96",
                  "path": "{{model}}",
                  "preprocess": { "size": [{{Side}}, {{Side}}], "resize": "stretch" },
                  "method": "gradcam",
                  "thresholds": { "minRelevanceMass": 0 },
                  "images": [
            {{string.Join(",\n", entries)}}
                  ]
                }
              ]
            }
            """);
        File.WriteAllText(Path.Combine(folder, "modelaudit.json"), config);
        log($"wrote {Path.Combine(folder, "modelaudit.json")} and {ImageCount} images to {images}");
    }
}
