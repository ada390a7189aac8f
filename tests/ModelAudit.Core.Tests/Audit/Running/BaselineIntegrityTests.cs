using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>The baseline end to end: what accept refuses to write, and what the audit says about a baseline it cannot trust.</summary>
public sealed class BaselineIntegrityTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private AuditOptions Options => new()
    {
        ReportDirectory = _temp.File("report"),
        Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
    };

    [Fact]
    public void Audit_MapLeftFromAnotherAccept_IsMA1206AndNoRegression()
    {
        var path = ShortcutFixture.Create(_temp.Path, shortcut: false);
        var config = AuditConfigLoader.Load(path);
        BaselineAcceptor.Accept(config, Options);
        var honestMap = Path.Combine(config.BaselineDirectory, "shapes", "maps", "a.png.npy");
        var honest = File.ReadAllBytes(honestMap);
        ShortcutFixture.WriteModel(Path.Combine(_temp.Path, "model.onnx"), shortcut: true);
        BaselineAcceptor.Accept(AuditConfigLoader.Load(path), Options);
        ShortcutFixture.WriteModel(Path.Combine(_temp.Path, "model.onnx"), shortcut: false);
        // What a half-finished accept of an older tool left: one map from the previous accept.
        File.WriteAllBytes(honestMap, honest);

        var report = AuditRunner.Run(AuditConfigLoader.Load(path), Options);

        var finding = Assert.Single(report.Findings, f => f.Code == DiagnosticCodes.BaselineCorrupt);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("a.png.npy: corrupt baseline: the map's SHA-256 differs", finding.Message, StringComparison.Ordinal);
        Assert.Equal(3, finding.Line);
        Assert.DoesNotContain(report.Findings, f => f.Code is DiagnosticCodes.BaselineCorrelation or DiagnosticCodes.BaselineMassDrop
            or DiagnosticCodes.BaselinePrediction or DiagnosticCodes.NoBaseline);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Accept_ModelComputingNaN_RefusesBeforeWritingAnything()
    {
        var path = ShortcutFixture.Create(_temp.Path, shortcut: false);
        BaselineAcceptor.Accept(AuditConfigLoader.Load(path), Options);
        var baseline = Snapshot(_temp.File("baseline"));
        WriteNaNModel(_temp.File("model.onnx"));

        var e = Assert.Throws<ConfigException>(() => BaselineAcceptor.Accept(AuditConfigLoader.Load(path), Options));

        Assert.Equal(DiagnosticCodes.ModelProblem, e.Code);
        Assert.StartsWith("shapes/a.png: its predicted probability is NaN; the model computes NaN or infinity for this image, so no baseline was written", e.Detail, StringComparison.Ordinal);
        Assert.Equal(baseline, Snapshot(_temp.File("baseline")));
    }

    [Fact]
    public void Audit_ThousandLabelsForTwoClasses_IsABadInputAtTheImage()
    {
        ShortcutFixture.Create(_temp.Path, shortcut: false);
        var labels = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"\"c{i}\""));
        var config = ShortcutFixture.Config().Replace("[\"object\", \"empty\"]", $"[{labels}]", StringComparison.Ordinal)
            .Replace("\"class\": \"object\"", "\"class\": \"c500\"", StringComparison.Ordinal);
        File.WriteAllText(_temp.File("modelaudit.json"), config);

        var e = Assert.Throws<ConfigException>(() => AuditRunner.Run(AuditConfigLoader.Load(_temp.File("modelaudit.json")), Options));

        Assert.Equal(DiagnosticCodes.ModelProblem, e.Code);
        Assert.Contains("class 'c500' is label 500 of 1000, but the model scores 2 classes; the labels do not belong to this model", e.Detail, StringComparison.Ordinal);
    }

    /// <summary>The honest model with a NaN bias on the "object" logit: the softmax and every gradient are NaN.</summary>
    private static void WriteNaNModel(string path)
    {
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("image", 1, 3, ShortcutFixture.Side, ShortcutFixture.Side);
        var features = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: [1, 0, 0, 0, 1, 0], bias: [0, 0], name: "features"), name: "features_relu");
        var pooled = b.Flatten(b.GlobalAveragePool(features, name: "pool"), axis: 1, name: "flat");
        var logits = b.Gemm(pooled, 2, weights: [40, 0, -40, 0], bias: [float.NaN, 2], name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
        b.Save(path);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
