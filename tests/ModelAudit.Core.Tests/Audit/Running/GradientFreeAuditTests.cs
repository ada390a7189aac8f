using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Models;
using ModelAudit.Core.Reporting;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>Issue 8.5: an audit whose method needs no gradient works on a model that has none to give.</summary>
public sealed class GradientFreeAuditTests : IDisposable
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditOptions Options => new() { ReportDirectory = temp.File("report"), Settings = Cpu };

    [Fact]
    public void Fixture_Model_ReallyHasNoGradientThroughTheShrink()
    {
        // Independent of the audit: asking for any gradient across the Shrink fails, so the test below proves something.
        GradientFreeFixture.WriteModel(temp.File("m.onnx"));
        using var model = PreparedModel.Open(temp.File("m.onnx"), new Core.Preprocessing.PreprocessOverrides { Width = 32, Height = 32 }, Cpu);
        using var visualizer = new FilterVisualizer(model, Cpu);

        var e = Assert.Throws<ModelAuditException>(() => visualizer.Layer("features_relu", [0], new FilterAscentOptions(Size: 32, Steps: 1)));
        Assert.Contains("no gradient rule for operator 'Shrink'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptThenAudit_EigenCamOnModelWithoutGradientRule_PassesWithTheFilterPanelExplained()
    {
        var path = GradientFreeFixture.Create(temp.Path);

        var baseline = BaselineAcceptor.Accept(AuditConfigLoader.Load(path), Options);
        var report = AuditRunner.Run(AuditConfigLoader.Load(path), Options);

        Assert.Equal(2, Assert.Single(baseline).Images.Count);
        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonical())));
        var model = Assert.Single(report.Models);
        Assert.Equal("eigencam", model.Method);
        // Eigen-CAM's first component is the red channel: all of a.png's map lies on its object.
        Assert.Equal(1.0, model.Images[0].Checks.Single(c => c.Id == "relevance-mass").Value!.Value, 3);
        Assert.All(model.Images, i => Assert.NotNull(i.Baseline));
        Assert.Empty(model.FilterGrids);
        Assert.Matches(@"^Filter patterns skipped: the model has no gradient rule for node '[^']+' \(operator Shrink\)", model.FilterGridsNote);
        // The activation grids need no gradient and are still drawn.
        Assert.NotEmpty(model.ActivationGrids);
        Assert.Null(model.ActivationGridsNote);

        ReportSet.WriteAll(report, temp.File("report"));
        var html = File.ReadAllText(temp.File("report/report.html"));
        Assert.Contains("the model has no gradient rule for node", html, StringComparison.Ordinal);
    }
}
