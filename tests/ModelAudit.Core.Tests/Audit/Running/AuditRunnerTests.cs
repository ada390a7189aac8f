using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

public sealed class AuditRunnerTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditOptions Options(FailLevel failOn = FailLevel.Any) => new()
    {
        ReportDirectory = temp.File("report"),
        FailOn = failOn,
        Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
    };

    [Fact]
    public void Run_HonestModel_PassesWithAttentionOnTheObject()
    {
        var config = AuditConfigLoader.Load(ShortcutFixture.Create(temp.Path, shortcut: false));

        var report = AuditRunner.Run(config, Options());

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonical())));
        var image = report.Models[0].Images[0];
        Assert.Equal("features_relu", report.Models[0].Layer);
        Assert.Equal(1.0, image.Checks.Single(c => c.Id == "relevance-mass").Value!.Value, 3);
        Assert.Equal(0, image.PredictedClass);
        // No baseline yet: said as a warning, not an error.
        Assert.Contains(report.Findings, f => f.Code == DiagnosticCodes.NoBaseline && f.Severity == Severity.Warning);
    }

    [Fact]
    public void Run_ShortcutModel_FailsOnRelevanceMassAndPointingGame()
    {
        var config = AuditConfigLoader.Load(ShortcutFixture.Create(temp.Path, shortcut: true));

        var report = AuditRunner.Run(config, Options());

        Assert.False(report.Passed);
        var errors = report.Findings.Where(f => f.Severity == Severity.Error).ToList();
        Assert.Contains(errors, f => f.Code == DiagnosticCodes.RelevanceMass);
        Assert.Contains(errors, f => f.Code == DiagnosticCodes.PointingGame);
        // The shortcut still predicts "object": accuracy alone would not have caught it.
        Assert.All(report.Models[0].Images, i => Assert.Equal(0, i.PredictedClass));
        // Diagnostics point at the image's entry in modelaudit.json (line of `{ "path": "a.png"`).
        var first = errors.First(f => f.Message.Contains("a.png", StringComparison.Ordinal));
        var line = File.ReadAllLines(config.Path)[first.Line - 1];
        Assert.Contains("a.png", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FailOnRegressionOnly_TurnsThresholdFailuresIntoWarnings()
    {
        var config = AuditConfigLoader.Load(ShortcutFixture.Create(temp.Path, shortcut: true));

        var report = AuditRunner.Run(config, Options(FailLevel.Regression));

        Assert.True(report.Passed);
        Assert.Contains(report.Findings, f => f.Code == DiagnosticCodes.RelevanceMass && f.Severity == Severity.Warning);
    }

    [Fact]
    public void AcceptThenAudit_BackslashImagePath_MatchesItsBaseline()
    {
        // Windows users write `images\a.png`; the baseline key must be the same image as `images/a.png`.
        var path = ShortcutFixture.Create(temp.Path, shortcut: false);
        Directory.CreateDirectory(temp.File("images"));
        File.Move(temp.File("a.png"), temp.File("images/a.png"));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"a.png\"", "\"images\\\\a.png\"", StringComparison.Ordinal));
        BaselineAcceptor.Accept(AuditConfigLoader.Load(path), Options());

        File.WriteAllText(path, File.ReadAllText(path).Replace("images\\\\a.png", "images/a.png", StringComparison.Ordinal));
        var report = AuditRunner.Run(AuditConfigLoader.Load(path), Options());

        Assert.DoesNotContain(report.Findings, f => f.Code == DiagnosticCodes.NoBaseline);
        Assert.Equal("images/a.png", report.Models[0].Images[0].Path);
    }

    [Fact]
    public void AcceptThenSwapModel_FailsAsRegression()
    {
        var path = ShortcutFixture.Create(temp.Path, shortcut: false);
        BaselineAcceptor.Accept(AuditConfigLoader.Load(path), Options());
        var accepted = AuditRunner.Run(AuditConfigLoader.Load(path), Options());
        Assert.True(accepted.Passed, string.Join("\n", accepted.Findings.Select(f => f.ToCanonical())));
        Assert.DoesNotContain(accepted.Findings, f => f.Code == DiagnosticCodes.NoBaseline);

        ShortcutFixture.WriteModel(Path.Combine(temp.Path, "model.onnx"), shortcut: true);
        var report = AuditRunner.Run(AuditConfigLoader.Load(path), Options(FailLevel.Regression));

        Assert.False(report.Passed);
        Assert.True(report.Models[0].ModelChanged);
        Assert.Contains(report.Findings, f => f.Code == DiagnosticCodes.ModelChangedSinceBaseline);
        Assert.Contains(report.Findings, f => f.Code == DiagnosticCodes.BaselineMassDrop && f.Severity == Severity.Error);
        Assert.Contains(report.Findings, f => f.Code == DiagnosticCodes.BaselineCorrelation && f.Severity == Severity.Error);
    }

    [Fact]
    public void Run_DoesNotWriteABaseline()
    {
        var config = AuditConfigLoader.Load(ShortcutFixture.Create(temp.Path, shortcut: false));

        AuditRunner.Run(config, Options());

        Assert.False(Directory.Exists(config.BaselineDirectory));
    }
}
