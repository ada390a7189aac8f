using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Reporting;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Layers;

/// <summary>
/// The audit of a four-stage convnet over a 32x32 input whose ReLU maps are 32, 16, 8 and 4 cells wide (cells of 1, 2,
/// 4 and 8 input pixels), on 64x64 images stretched to it: a cell is twice as many image pixels. A map fits a region
/// when two of its cells span it.
/// </summary>
public sealed class LayerFitAuditTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Run_AutoWithTwentyPixelBoxes_TakesTheEightByEightMapAndSaysWhy()
    {
        // b.png's 20-pixel box is 10 input pixels: two of the 4x4 map's 8-pixel cells do not fit in it, two 4-pixel ones do.
        var report = Audit("auto", "[8, 8, 20, 20]");

        var model = report.Models[0];
        Assert.Equal("c3", model.Layer);
        Assert.Equal(
            "'c3', the last feature map with at least two cells across the smallest expected region (the 20x20-pixel box of b.png, where a cell is 8x8 pixels): "
            + "its 8x8 map (cells of 4x4 input pixels); the later 'c4' has a 4x4 map (cells of 8x8 input pixels)",
            model.LayerChoice);
        Assert.DoesNotContain(report.Findings, f => f.Code == DiagnosticCodes.LayerCellTooLarge);
        // The report's model facts carry the sentence (HTML-encoded, quotes included).
        var html = new HtmlReportWriter().Render(report);
        Assert.Contains(
            "<th scope=\"row\">layer choice</th><td>&#39;c3&#39;, the last feature map with at least two cells across the smallest expected region",
            html,
            StringComparison.Ordinal);
        // results.json carries the same sentence.
        using var json = System.Text.Json.JsonDocument.Parse(JsonReportWriter.Render(report));
        Assert.Equal(model.LayerChoice, json.RootElement.GetProperty("models")[0].GetProperty("layerChoice").GetString());
    }

    [Fact]
    public void Run_AutoWithThirtyTwoPixelBoxes_TakesTheLastMapWithoutWarning()
    {
        // 32 pixels = 16 input pixels: two of the last map's 8-pixel cells fit.
        var report = Audit("auto", "[8, 8, 32, 32]");

        Assert.Equal("c4", report.Models[0].Layer);
        Assert.StartsWith("'c4', the last feature map on the path to the output: its 4x4 map", report.Models[0].LayerChoice);
        Assert.DoesNotContain(report.Findings, f => f.Code == DiagnosticCodes.LayerCellTooLarge);
    }

    [Fact]
    public void Run_NamedLayerTooCoarse_KeepsItAndWarnsAtTheLayerField()
    {
        var report = Audit("c4", "[8, 8, 20, 20]");

        var model = report.Models[0];
        Assert.Equal("c4", model.Layer);
        Assert.Null(model.LayerChoice);
        using var json = System.Text.Json.JsonDocument.Parse(JsonReportWriter.Render(report));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.RootElement.GetProperty("models")[0].GetProperty("layerChoice").ValueKind);
        var warning = Assert.Single(report.Findings, f => f.Code == DiagnosticCodes.LayerCellTooLarge);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal(
            "shapes: layer 'c4' has cells of 8x8 input pixels (a 4x4 map over the 32x32 input), 16x16 pixels in b.png: fewer than two across the 20x20-pixel box there, "
            + "the smallest expected region; layer 'c3' (cells of 4x4 input pixels, 8x8 in b.png) has two across every region: set \"layer\": \"c3\"",
            warning.Message);
        Assert.Contains("\"layer\": \"c4\"", File.ReadAllLines(temp.File("modelaudit.json"))[warning.Line - 1], StringComparison.Ordinal);
    }

    private AuditReport Audit(string layer, string smallBox)
    {
        WriteModel(temp.File("model.onnx"));
        foreach (var name in new[] { "a.png", "b.png" })
        {
            PngEncoder.Save(new Image(64, 64), temp.File(name));
        }

        File.WriteAllText(temp.File("modelaudit.json"), $$"""
            {
              "report": { "filters": false, "activations": false },
              "models": [{
                "name": "shapes",
                "path": "model.onnx",
                "preprocess": { "size": [32, 32], "resize": "stretch" },
                "layer": "{{layer}}",
                "images": [
                  { "path": "a.png", "regions": [{ "box": [0, 0, 40, 40] }] },
                  { "path": "b.png", "regions": [{ "box": {{smallBox}} }] }
                ]
              }]
            }
            """);
        var config = AuditConfigLoader.Load(temp.File("modelaudit.json"));
        return AuditRunner.Run(config, new AuditOptions
        {
            ReportDirectory = temp.File("report"),
            Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
        });
    }

    private static void WriteModel(string path)
    {
        var b = new ModelBuilder(opset: 13, seed: 3);
        var x = b.Input("image", 1, 3, 32, 32);
        for (var stage = 1; stage <= 4; stage++)
        {
            x = b.Relu(b.Conv(x, outChannels: 4, kernel: 3, pad: 1, name: $"conv{stage}"), name: $"c{stage}");
            if (stage < 4)
            {
                x = b.MaxPool(x, kernel: 2, stride: 2, name: $"p{stage}");
            }
        }

        var logits = b.Gemm(b.Flatten(b.GlobalAveragePool(x, name: "gap"), axis: 1, name: "flat"), 2, name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
        b.Save(path);
    }
}
