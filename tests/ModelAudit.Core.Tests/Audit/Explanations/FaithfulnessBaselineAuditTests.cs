using System.Text;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Reporting;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Explanations;

/// <summary>
/// faithfulness.maxFaithfulnessDrop on the shortcut fixture's honest model. With mean removal in 4 steps its areas are worked
/// out by hand: Grad-CAM of the 1x1-conv model is alpha * red, uniform on the 12x12 object and 0 elsewhere, so step k of
/// 1024 pixels takes the 144 object pixels first and then background; every removed pixel takes the mean red
/// m = 144 * (230/255) / 1024, and the class probability is sigmoid(80 * (mean red) - 2) (softmax of 40 f and 2 - 40 f).
/// </summary>
public sealed class FaithfulnessBaselineAuditTests : IDisposable
{
    private const string MeanInFour = "'faithfulness': { 'steps': 4, 'removal': 'mean', 'maxFaithfulnessDrop': BAR },";

    private static readonly double M = 144 * (230.0 / 255) / 1024;

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static double P(double meanRed) => 1 / (1 + Math.Exp(-((80 * meanRed) - 2)));

    private static double Auc(double[] p) => Enumerable.Range(0, p.Length - 1).Sum(k => (p[k] + p[k + 1]) / 2) / (p.Length - 1);

    /// <summary>Deletion: the object goes at step 1 (mean red k m / 4 after step k). Insertion from the all-mean image: (2 - k / 4) m.</summary>
    private static readonly double HandDeletionAuc = Auc([P(M), P(M / 4), P(2 * M / 4), P(3 * M / 4), P(M)]);

    private static readonly double HandInsertionAuc = Auc([P(M), P(1.75 * M), P(1.5 * M), P(1.25 * M), P(M)]);

    private AuditConfig Config(string settings)
    {
        var path = ShortcutFixture.Create(temp.Path, shortcut: false);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\", " + settings.Replace('\'', '"'), StringComparison.Ordinal));
        return AuditConfigLoader.Load(path);
    }

    private AuditOptions Options(FailLevel failOn = FailLevel.Any) =>
        new() { ReportDirectory = temp.File("report"), Settings = new SessionSettings { Device = ExecutionDevice.Cpu }, FailOn = failOn };

    [Fact]
    public void Accept_FaithfulnessOn_RecordsTheHandComputedAreas()
    {
        var config = Config(MeanInFour.Replace("BAR", "0.1", StringComparison.Ordinal));

        BaselineAcceptor.Accept(config, Options());

        var stored = BaselineStore.Read(config.BaselineDirectory, "shapes")!;
        Assert.Equal((3, new BaselineFaithfulness(4, "mean")), (stored.FormatVersion, stored.Faithfulness));
        Assert.All(stored.Images, i =>
        {
            Assert.Equal(HandDeletionAuc, i.Faithfulness!.DeletionAuc, 5);
            Assert.Equal(HandInsertionAuc, i.Faithfulness.InsertionAuc, 5);
        });
    }

    [Fact]
    public void Audit_UnchangedModelAfterAccept_DropIsExactlyZeroAndPasses()
    {
        var config = Config(MeanInFour.Replace("BAR", "0", StringComparison.Ordinal));
        BaselineAcceptor.Accept(config, Options());

        var report = AuditRunner.Run(config, Options());

        Assert.True(report.Passed);
        Assert.DoesNotContain(report.Findings, f => f.Code is DiagnosticCodes.FaithfulnessDrop or DiagnosticCodes.NoFaithfulnessBaseline);
        Assert.All(report.Models[0].Images, image =>
        {
            var check = image.Checks.Single(c => c.Id == "faithfulness-drop");
            Assert.Equal((0.0, CheckStatus.Pass, true), (check.Value, check.Status, check.IsRegression));
            Assert.Equal(new FaithfulnessAreas(image.Faithfulness!.Curves.DeletionAuc, image.Faithfulness.Curves.InsertionAuc), image.Baseline!.BaselineFaithfulness);
        });
    }

    /// <summary>Accepts, then makes the baseline claim deletion AUC 0.5 and insertion AUC 0.99999 for every image.</summary>
    private AuditConfig WithClaimedBaseline(string bar)
    {
        var config = Config(MeanInFour.Replace("BAR", bar, StringComparison.Ordinal));
        BaselineAcceptor.Accept(config, Options());
        var stored = BaselineStore.Read(config.BaselineDirectory, "shapes")!;
        BaselineStore.Write(config.BaselineDirectory, stored with { Images = [.. stored.Images.Select(i => i with { Faithfulness = new FaithfulnessAreas(0.5, 0.99999) })] });
        return config;
    }

    [Fact]
    public void Audit_DeletionAucRoseAboveTheBar_ErrorMA1304WithHandComputedDrop()
    {
        var config = WithClaimedBaseline("0.3");

        var report = AuditRunner.Run(config, Options());

        // The deletion AUC rose by 0.8957 - 0.5; the insertion AUC fell by only 0.99999 - 0.99992.
        var drop = Math.Max(HandDeletionAuc - 0.5, 0.99999 - HandInsertionAuc);
        Assert.Equal(0.3957, drop, 4);
        Assert.False(report.Passed);
        foreach (var image in report.Models[0].Images)
        {
            var check = image.Checks.Single(c => c.Id == "faithfulness-drop");
            Assert.Equal(drop, check.Value!.Value, 5);
            Assert.Equal((0.3, "<=", CheckStatus.Fail), (check.Threshold, check.Comparison, check.Status));
            Assert.StartsWith($"shapes/{image.Path}: deletion AUC 0.8957 vs baseline 0.50, insertion AUC 0.9999 vs baseline 1.00: drop 0.3957 > 0.30: the map explains the model less well than at baseline",
                check.Message, StringComparison.Ordinal);
        }

        var errors = report.Findings.Where(f => f.Code == DiagnosticCodes.FaithfulnessDrop).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, f => Assert.Equal(Severity.Error, f.Severity));
        var counts = ReportCounts.Of(report);
        Assert.Equal((2, 0), (counts.Errors, counts.Warnings));
        Assert.Equal(2, counts.FailedImages);
        var junit = Encoding.UTF8.GetString(JUnitReportWriter.Render(report));
        Assert.Contains("name=\"a.png: faithfulness-drop\"", junit, StringComparison.Ordinal);
        Assert.Contains("failures=\"2\"", junit, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_DropWithinTheBar_Passes()
    {
        var report = AuditRunner.Run(WithClaimedBaseline("0.4"), Options());

        Assert.True(report.Passed);
        Assert.All(report.Models[0].Images, i => Assert.Equal(CheckStatus.Pass, i.Checks.Single(c => c.Id == "faithfulness-drop").Status));
    }

    [Fact]
    public void Audit_FailOnThreshold_DropIsARegressionSoOnlyAWarning()
    {
        var report = AuditRunner.Run(WithClaimedBaseline("0.3"), Options(FailLevel.Threshold));

        Assert.True(report.Passed);
        Assert.All(report.Findings.Where(f => f.Code == DiagnosticCodes.FaithfulnessDrop), f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Equal(2, ReportCounts.Of(report).Warnings);
    }

    [Fact]
    public void Audit_ComparedBaseline_InResultsJsonAndOnTheCard()
    {
        var report = AuditRunner.Run(WithClaimedBaseline("0.3"), Options());

        var json = Encoding.UTF8.GetString(JsonReportWriter.Render(report));
        Assert.Contains("\"relevanceMass\": ", json, StringComparison.Ordinal);
        Assert.Contains("\"deletionAuc\": 0.5,\n            \"insertionAuc\": 0.99999\n          }", json, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"faithfulness-drop\"", json, StringComparison.Ordinal);
        var html = new HtmlReportWriter().Render(report);
        Assert.Contains("deletion AUC 0.896 (red, lower = faithful; baseline 0.5), insertion AUC 1 (blue; baseline 1)", html, StringComparison.Ordinal);
        Assert.Contains("Faithfulness drop vs baseline", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_Version2Baseline_ComparedWithoutFaithfulnessAndNotedOnce()
    {
        var config = Config(MeanInFour.Replace("BAR", "0.1", StringComparison.Ordinal));
        BaselineAcceptor.Accept(config, Options());
        var file = Path.Combine(config.BaselineDirectory, "shapes", "baseline.json");
        // What the previous modelaudit wrote: version 2, no faithfulness.
        var stored = BaselineStore.Read(config.BaselineDirectory, "shapes")!;
        BaselineStore.Write(config.BaselineDirectory, stored with { Images = [.. stored.Images.Select(i => i with { Faithfulness = null })], Faithfulness = null });
        var text = File.ReadAllText(file).Replace("\"version\": 3", "\"version\": 2", StringComparison.Ordinal).Replace("  \"faithfulness\": null,\n", "", StringComparison.Ordinal);
        File.WriteAllText(file, text);

        var report = AuditRunner.Run(config, Options());

        Assert.True(report.Passed);
        var note = Assert.Single(report.Findings, f => f.Code == DiagnosticCodes.NoFaithfulnessBaseline);
        Assert.Equal(Severity.Info, note.Severity);
        Assert.Equal("shapes: the baseline holds no faithfulness areas (baseline.json version 2, from an older modelaudit); faithfulness was not compared with the baseline; rerun `modelaudit baseline accept` to record it", note.Message);
        Assert.Equal(config.Models[0].LocationOf("faithfulness"), new SourceLocation(note.Line, note.Column));
        Assert.All(report.Models[0].Images, i =>
        {
            Assert.DoesNotContain(i.Checks, c => c.Id == "faithfulness-drop");
            Assert.NotNull(i.Baseline);
            Assert.Null(i.Baseline.BaselineFaithfulness);
        });
        Assert.Equal((0, 0), (ReportCounts.Of(report).Errors, ReportCounts.Of(report).Warnings));
    }

    [Fact]
    public void Audit_BaselineMeasuredWithOtherSettings_NotComparedAndNoted()
    {
        BaselineAcceptor.Accept(Config("'faithfulness': { 'steps': 2, 'removal': 'mean' },"), Options());
        var config = Config(MeanInFour.Replace("BAR", "0", StringComparison.Ordinal));

        var report = AuditRunner.Run(config, Options());

        var note = Assert.Single(report.Findings, f => f.Code == DiagnosticCodes.NoFaithfulnessBaseline);
        Assert.StartsWith("shapes: the baseline measured faithfulness with mean removal in 2 steps, the audit with mean removal in 4 steps", note.Message, StringComparison.Ordinal);
        Assert.All(report.Models[0].Images, i => Assert.DoesNotContain(i.Checks, c => c.Id == "faithfulness-drop"));
    }

    [Fact]
    public void Audit_FaithfulnessOffNow_BaselineAreasIgnoredWithoutANote()
    {
        BaselineAcceptor.Accept(Config(MeanInFour.Replace("BAR", "0", StringComparison.Ordinal)), Options());
        var config = Config("");

        var report = AuditRunner.Run(config, Options());

        Assert.DoesNotContain(report.Findings, f => f.Code.StartsWith("MA13", StringComparison.Ordinal));
        Assert.All(report.Models[0].Images, i => Assert.Null(i.Baseline!.BaselineFaithfulness));
    }
}
