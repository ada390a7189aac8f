using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>Errors found only when the model runs still point at the config property that caused them.</summary>
public sealed class AuditInputErrorTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Run_UnknownLayer_PointsAtTheLayerValue()
    {
        ShortcutFixture.Create(_temp.Path, shortcut: false);
        var text = ShortcutFixture.Config().Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\", \"layer\": \"x\",", StringComparison.Ordinal);
        File.WriteAllText(_temp.File("modelaudit.json"), text);
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"layer\"", StringComparison.Ordinal));
        var column = lines[line].IndexOf("\"x\"", StringComparison.Ordinal) + 1;

        var e = Assert.Throws<ConfigException>(() => AuditRunner.Run(AuditConfigLoader.Load(_temp.File("modelaudit.json")), new AuditOptions
        {
            ReportDirectory = _temp.File("report"),
            Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
        }));

        Assert.Equal((line + 1, column, DiagnosticCodes.ModelProblem), (e.Line, e.Column, e.Code));
    }

    [Fact]
    public void Run_PreprocessingThatDoesNotFitTheModel_PointsAtPreprocessAndNamesTheConfig()
    {
        ShortcutFixture.Create(_temp.Path, shortcut: false);
        var text = ShortcutFixture.Config().Replace("\"size\": [32, 32]", "\"size\": [16, 16]", StringComparison.Ordinal);
        File.WriteAllText(_temp.File("modelaudit.json"), text);
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"preprocess\"", StringComparison.Ordinal));
        var column = lines[line].IndexOf('{', StringComparison.Ordinal) + 1;

        var e = Assert.Throws<ConfigException>(() => AuditRunner.Run(AuditConfigLoader.Load(_temp.File("modelaudit.json")), new AuditOptions
        {
            ReportDirectory = _temp.File("report"),
            Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
        }));

        Assert.Equal((line + 1, column, DiagnosticCodes.ModelProblem), (e.Line, e.Column, e.Code));
        Assert.Contains("size 16x16 from modelaudit.json does not fit input 'image' of fixed shape [1,3,32,32]; use 32x32 or leave the size out", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LayerNamingTheModelInput_PointsAtTheLayerBeforeAnyImageRuns()
    {
        // PaddleOCR's classifier names its input "x": "layer": "x" used to run every image, then fail without a position.
        ShortcutFixture.Create(_temp.Path, shortcut: false);
        var text = ShortcutFixture.Config().Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\", \"layer\": \"image\",", StringComparison.Ordinal);
        File.WriteAllText(_temp.File("modelaudit.json"), text);
        var lines = text.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"layer\"", StringComparison.Ordinal));
        var column = lines[line].IndexOf("\"image\"", StringComparison.Ordinal) + 1;
        var progress = new List<AuditProgress>();

        var e = Assert.Throws<ConfigException>(() => AuditRunner.Run(AuditConfigLoader.Load(_temp.File("modelaudit.json")), new AuditOptions
        {
            ReportDirectory = _temp.File("report"),
            Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
            Progress = new SynchronousProgress(progress.Add),
        }));

        Assert.Equal((line + 1, column, DiagnosticCodes.ModelProblem), (e.Line, e.Column, e.Code));
        Assert.EndsWith("'image' is the model's input, not a layer; give a layer a node computes (`modelaudit summary` lists them)", e.Detail, StringComparison.Ordinal);
        Assert.Empty(progress);
    }

    private sealed class SynchronousProgress(Action<AuditProgress> report) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => report(value);
    }
}
