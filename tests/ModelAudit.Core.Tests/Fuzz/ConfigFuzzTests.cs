using ModelAudit.Core.Audit.Config;
using ModelAudit.TestSupport;
using ModelAudit.TestSupport.Fuzzing;

namespace ModelAudit.Core.Tests.Fuzz;

/// <summary>
/// modelaudit.json under seeded mutations (type swaps, huge numbers, deep nesting, duplicate keys, invalid
/// UTF-8, UTF-16, byte flips, truncation, splices): the loader returns a config or throws a
/// <see cref="ModelAuditException"/>; nothing else, bounded memory, no hang.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ConfigFuzzTests
{
    [Fact]
    public void Load_MutatedConfigs_OnlyModelAuditExceptionEscapes()
    {
        using var dir = new TempDir();
        var config = ShortcutFixture.Create(dir.Path, shortcut: false);
        File.WriteAllText(dir.File("labels.txt"), "object\nempty\n");
        File.WriteAllText(dir.File("voc.xml"), "<annotation><filename>a.png</filename><object><name>object</name><bndbox><xmin>11</xmin><ymin>11</ymin><xmax>22</xmax><ymax>22</ymax></bndbox></object></annotation>");
        string[] corpus =
        [
            File.ReadAllText(config),
            File.ReadAllText(config).Replace("[\"object\", \"empty\"]", "\"labels.txt\"", StringComparison.Ordinal),
            """
            {
              "$schema": "x", "baseline": "b", "limits": {"maxPixels": 100000, "maxInputElements": 5000},
              "models": [{
                "name": "m", "path": "model.onnx", "labels": ["object", "empty"], "method": "layercam", "layer": "auto", "score": "probability",
                "preprocess": {"size": [32, 32], "resize": "letterbox", "scale": 0.5, "mean": [0.5], "std": [0.25, 0.25, 0.25], "channels": "bgr", "layout": "nchw", "padValue": 3},
                "thresholds": {"minRelevanceMass": 0.5, "pointingGame": true, "pointingTolerance": 2, "minRankAccuracy": 0.1, "minIouTop": 0.2, "iouTopPercent": 20},
                "images": [{"path": "a.png", "class": 0, "regions": [{"polygon": [[0, 0], [4, 0], [0, 4]]}, {"mask": "b.png"}, {"box": [1, 2, 3, 4]}]}],
                "annotations": "voc.xml"
              }]
            }
            """,
        ];
        var path = dir.File("fuzz.json");

        var summary = FuzzRun.Run(
            "config",
            random => Mutator.Json(corpus, random),
            input =>
            {
                File.WriteAllBytes(path, input);
                AuditConfigLoader.Load(path);
            },
            e => e is ModelAuditException);

        Assert.True(summary.BothOutcomes, $"{summary.Refused} of {summary.Cases} cases refused: the mutations do not reach both outcomes");
    }
}
