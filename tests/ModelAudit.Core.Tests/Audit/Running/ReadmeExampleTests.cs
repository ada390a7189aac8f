using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>
/// README's example modelaudit.json, as written there, on a 96x96 classifier whose truth is known by construction:
/// the honest model's evidence for "vertical" is the red object in the expected box, the watermark model's a blue
/// mark in the corner. Its features are pooled to 24x24 and then 4x4 maps (cells of 4 and 24 pixels), so "auto" has
/// a coarse last map to avoid.
/// </summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private const int Side = 96;
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ReadmeConfig_HonestModel_Passes()
    {
        var report = Audit(watermark: false);

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonical())));
        Assert.All(report.Models[0].Images, i => Assert.Equal(1, i.PredictedClass));
        // Two 24-pixel cells do not fit in the 30-pixel box: "auto" maps the 24x24 pool (4-pixel cells), not the last;
        // there the mass is 0.85 (at the 4x4 pool it was 0.38, under the example's 0.4).
        Assert.Equal("pool_24", report.Models[0].Layer);
        Assert.All(report.Models[0].Images, i => Assert.True(i.Checks.Single(c => c.Id == "relevance-mass").Value > 0.8, $"{i.Path}: mass {i.Checks.Single(c => c.Id == "relevance-mass").Value}"));
    }

    [Fact]
    public void ReadmeConfig_WatermarkModel_FailsOnWhereItLooks()
    {
        var report = Audit(watermark: true);

        Assert.False(report.Passed);
        Assert.Contains(report.Findings, f => f.Severity == Severity.Error && f.Code == DiagnosticCodes.RelevanceMass);
        Assert.Contains(report.Findings, f => f.Severity == Severity.Error && f.Code == DiagnosticCodes.PointingGame);
        // Accuracy alone would not catch it: it predicts "vertical" too.
        Assert.All(report.Models[0].Images, i => Assert.Equal(1, i.PredictedClass));
    }

    private AuditReport Audit(bool watermark)
    {
        File.WriteAllText(temp.File("modelaudit.json"), ReadmeExample());
        Directory.CreateDirectory(temp.File("models"));
        Directory.CreateDirectory(temp.File("images"));
        Directory.CreateDirectory(temp.File("annotations"));
        WriteModel(temp.File("models/classifier.onnx"), watermark);
        // a.png's box is the README's [10, 12, 30, 30]; b.png comes from a VOC file, as "annotations/" imports.
        WriteImage(temp.File("images/a.png"), 10, 12, 30, 30);
        WriteImage(temp.File("images/b.png"), 50, 40, 34, 30);
        File.WriteAllText(temp.File("annotations/b.xml"), """
            <annotation><filename>../images/b.png</filename>
              <object><name>vertical</name><bndbox><xmin>51</xmin><ymin>41</ymin><xmax>84</xmax><ymax>70</ymax></bndbox></object>
            </annotation>
            """);
        var config = AuditConfigLoader.Load(temp.File("modelaudit.json"));
        return AuditRunner.Run(config, new AuditOptions
        {
            ReportDirectory = temp.File("report"),
            Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
        });
    }

    /// <summary>The first JSON block of README's "modelaudit.json" section, unchanged.</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("\n## modelaudit.json\n", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static void WriteModel(string path, bool watermark)
    {
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("image", 1, 3, Side, Side);
        // One 1x1 filter reads red (honest) or blue (watermark), a second reads green, which no image has.
        float[] filters = watermark ? [0, 0, 1, 0, 1, 0] : [1, 0, 0, 0, 1, 0];
        var features = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: filters, bias: [0, 0], name: "features"), name: "features_relu");
        var fine = b.MaxPool(features, kernel: 4, stride: 4, name: "pool_24");
        var coarse = b.MaxPool(fine, kernel: 6, stride: 6, name: "pool_4");
        var pooled = b.Flatten(b.GlobalAveragePool(coarse, name: "gap"), axis: 1, name: "flat");
        // "vertical" (class 1) grows with the feature, "horizontal" (class 0) shrinks with it.
        var logits = b.Gemm(pooled, 2, weights: [-40, 0, 40, 0], bias: [2, 0], name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
        b.Save(path);
    }

    /// <summary>A red object filling the expected box and a blue mark in the bottom-right corner, on black.</summary>
    private static void WriteImage(string path, int bx, int by, int bw, int bh)
    {
        var image = new Image(Side, Side);
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var o = ((y * Side) + x) * 4;
                var inObject = x >= bx && x < bx + bw && y >= by && y < by + bh;
                var inMark = x >= Side - 10 && y >= Side - 10;
                image.Pixels[o] = inObject ? (byte)230 : (byte)0;
                image.Pixels[o + 2] = inMark ? (byte)230 : (byte)0;
                image.Pixels[o + 3] = 255;
            }
        }

        PngEncoder.Save(image, path);
    }
}
