using System.Text;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Reporting;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Explanations;

/// <summary>The audit with "faithfulness" and "sanityCheck" on, on the shortcut fixture's honest and watermark models.</summary>
public sealed class ExplanationAuditTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Audits the fixture with <paramref name="settings"/> (JSON with ' for ") added to its model.</summary>
    private AuditReport Audit(bool shortcut, string settings)
    {
        var path = ShortcutFixture.Create(temp.Path, shortcut);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\", " + settings.Replace('\'', '"'), StringComparison.Ordinal));
        var options = new AuditOptions { ReportDirectory = temp.File("report"), Settings = new SessionSettings { Device = ExecutionDevice.Cpu } };
        return AuditRunner.Run(AuditConfigLoader.Load(path), options);
    }

    [Fact]
    public void Run_WatermarkModel_FaithfulnessAndSanityInTheResultsResultsJsonAndReport()
    {
        var report = Audit(shortcut: true, "'faithfulness': { 'steps': 10 }, 'sanityCheck': { 'layers': 2 },");

        var model = report.Models[0];
        Assert.All(model.Images, image =>
        {
            Assert.Equal(11, image.Faithfulness!.Curves.Deletion.Count);
            Assert.Equal(CheckStatus.Info, image.Checks.Single(c => c.Id == "deletion-auc").Status);
            Assert.Equal(image.Faithfulness.Curves.InsertionAuc, image.Checks.Single(c => c.Id == "insertion-auc").Value);
        });
        Assert.Equal([1, 2], model.Sanity!.Steps.Select(s => s.Layers));
        Assert.Equal(["logits", "features"], model.Sanity.Steps.Select(s => s.Layer));
        var json = Encoding.UTF8.GetString(JsonReportWriter.Render(report));
        Assert.Contains("\"faithfulness\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"deletionAuc\":", json, StringComparison.Ordinal);
        Assert.Contains("\"sanity\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"spearman\":", json, StringComparison.Ordinal);

        // The report: one curve per image, captioned with its own areas, and the model's cascade with each randomized layer.
        var html = new HtmlReportWriter().Render(report);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<svg class=\"curves\"").Count);
        Assert.All(model.Images, image => Assert.Contains(
            $"deletion AUC {ReportText.Number(image.Faithfulness!.Curves.DeletionAuc)} (red, lower = faithful), insertion AUC {ReportText.Number(image.Faithfulness.Curves.InsertionAuc)} (blue)",
            html, StringComparison.Ordinal));
        Assert.Contains("class=\"sanity\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>logits</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>features</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WatermarkModel_ItsMapIsFaithfulToTheShortcut()
    {
        // The map sits on the watermark, which is what the model reads: deleting it first kills the prediction fast,
        // so faithfulness passes where localization fails. Faithfulness says the map explains the model, not that the model is right.
        var report = Audit(shortcut: true, "'faithfulness': { 'maxDeletionAuc': 0.5 },");

        Assert.All(report.Models[0].Images, image =>
        {
            Assert.Equal(CheckStatus.Pass, image.Checks.Single(c => c.Id == "deletion-auc").Status);
            Assert.Equal(CheckStatus.Fail, image.Checks.Single(c => c.Id == "relevance-mass").Status);
        });
    }

    [Fact]
    public void Run_BarMissed_ErrorMA1301PointingAtTheImage()
    {
        var report = Audit(shortcut: false, "'faithfulness': { 'maxDeletionAuc': 0.01, 'minInsertionAuc': 0.9999 },");

        var errors = report.Findings.Where(f => f.Severity == Severity.Error).ToList();
        Assert.Contains(errors, f => f.Code == DiagnosticCodes.DeletionAuc && f.Message.StartsWith("shapes/a.png: deletion AUC ", StringComparison.Ordinal));
        Assert.False(report.Passed);
        Assert.All(report.Models[0].Images, image =>
        {
            var insertion = image.Checks.Single(c => c.Id == "insertion-auc");
            Assert.Equal(image.Faithfulness!.Curves.InsertionAuc, insertion.Value);
            Assert.Equal(insertion.Value >= 0.9999 ? CheckStatus.Pass : CheckStatus.Fail, insertion.Status);
        });
    }

    [Fact]
    public void Run_SanityOnTheTopLayer_SpearmanIsZeroOrOneAndOneWarnsMA1303()
    {
        // The honest model's Grad-CAM at its last feature map is ReLU(alpha_0 * A_0) (the green channel A_1 is silent), with
        // alpha_0 from the head's weight for class 0. Randomizing the head only flips that weight's sign or not: the map is
        // the trained one (Spearman 1, the map ignores the head) or all zero (0). Seeds give both.
        var seen = new HashSet<double>();
        for (var seed = 1; seed <= 6; seed++)
        {
            var report = Audit(shortcut: false, $"'sanityCheck': {{ 'layers': 1, 'seed': {seed}, 'threshold': 0.5 }},");

            var spearman = Math.Round(report.Models[0].Sanity!.Steps.Single().Spearman, 6);
            Assert.Contains(spearman, new[] { 0.0, 1.0 });
            seen.Add(spearman);
            var warnings = report.Findings.Where(f => f.Code == DiagnosticCodes.SanityCheck).ToList();
            if (spearman == 1)
            {
                var warning = Assert.Single(warnings);
                Assert.Equal(Severity.Warning, warning.Severity);
                Assert.StartsWith("shapes: gradcam maps barely change when the weights are randomized down to logits (Spearman 1.00 > 0.50", warning.Message, StringComparison.Ordinal);
                Assert.True(report.Passed);
            }
            else
            {
                Assert.Empty(warnings);
            }
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Run_Off_NothingAddedToResultsJson()
    {
        var report = Audit(shortcut: false, "");

        Assert.Null(report.Models[0].Sanity);
        Assert.All(report.Models[0].Images, i => Assert.Null(i.Faithfulness));
        var json = Encoding.UTF8.GetString(JsonReportWriter.Render(report));
        Assert.DoesNotContain("faithfulness", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sanity\"", json, StringComparison.Ordinal);
    }
}
