using System.Text.RegularExpressions;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Calibration;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Metrics;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Calibration;

public sealed class CalibratorTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditOptions Options() => new()
    {
        ReportDirectory = temp.File("report"),
        Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
    };

    [Fact]
    public void Calibrate_HonestModel_SuggestionsPastedIntoTheConfigPassItAndFailTheShortcut()
    {
        var configPath = ShortcutFixture.Create(temp.Path, shortcut: false);
        // No thresholds at all: calibrate must supply every bar.
        File.WriteAllText(configPath, Regex.Replace(File.ReadAllText(configPath), "\"thresholds\": \\{[^}]*\\},", ""));

        var calibration = Calibrator.Run(AuditConfigLoader.Load(configPath), Options());
        var text = CalibrationText.Render(calibration);
        var snippet = Regex.Match(text, "\"thresholds\": \\{[^}]*\\}").Value;

        Assert.Contains("relevance mass", text, StringComparison.Ordinal);
        Assert.Contains("\"minRelevanceMass\": ", snippet, StringComparison.Ordinal);
        // The honest model's map is the object itself: all of it inside the box on a.png, and on b.png (object moved
        // 2 px right) 10 of its 12 columns: mass 10/12. Suggested: 10/12 less 20%, rounded down.
        Assert.Equal(10.0 / 12, calibration[0].Metrics[0].Min, 3);
        Assert.Equal(1.0, calibration[0].Metrics[0].Max, 3);
        Assert.Contains("\"minRelevanceMass\": 0.66,", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("pointingTolerance", snippet, StringComparison.Ordinal);

        var pasted = File.ReadAllText(configPath).Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\",\n" + snippet + ",", StringComparison.Ordinal);
        File.WriteAllText(configPath, pasted);

        var honest = AuditRunner.Run(AuditConfigLoader.Load(configPath), Options());
        Assert.True(honest.Passed, string.Join("\n", honest.Findings.Select(f => f.ToCanonical())));

        ShortcutFixture.WriteModel(Path.Combine(temp.Path, "model.onnx"), shortcut: true);
        var shortcut = AuditRunner.Run(AuditConfigLoader.Load(configPath), Options());
        Assert.False(shortcut.Passed);
        Assert.Contains(shortcut.Findings, f => f.Code == DiagnosticCodes.RelevanceMass && f.Severity == Severity.Error);
    }

    [Fact]
    public void Summarize_Misses_ToleranceCoversTheLargestMissPlusTheMargin()
    {
        var at = new SourceLocation(1, 1);
        var entry = new ModelEntry { Name = "m", Path = "m.onnx", FullPath = "/m.onnx", Location = at, Preprocess = null!, Thresholds = Thresholds.Default, Images = [] };
        var a = new ImageEntry { Path = "a.png", FullPath = "/a.png", Location = at, Regions = [], Thresholds = Thresholds.Default };
        var b = new ImageEntry { Path = "b.png", FullPath = "/b.png", Location = at, Regions = [], Thresholds = Thresholds.Default };
        var measured = new List<(ImageEntry, LocalizationMetrics)>
        {
            (a, new(0.5, false, 0.4, 0.3, false, false, PointingDistance: 10)),
            (b, new(0.7, true, 0.6, 0.5, false, false)),
        };

        var c = Calibrator.Summarize(entry, "gradcam", "conv", measured, margin: 0.2);

        var bars = c.Suggested.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(0.4, (double)bars["minRelevanceMass"], 6);
        Assert.Equal(0.32, (double)bars["minRankAccuracy"], 6);
        Assert.Equal(0.24, (double)bars["minIouTop"], 6);
        Assert.Equal(12, (int)bars["pointingTolerance"]);
        Assert.Equal(0.1, (double)bars["maxMassDrop"], 6);
        Assert.Equal(0.6, c.Metrics[0].Median, 6);
    }
}
