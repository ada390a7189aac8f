using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Audit.Calibration;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Explanations;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Calibration;

/// <summary>`calibrate` runs the sanity check unless told not to, and says what its verdict means for the method.</summary>
public sealed class CalibratorSanityTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditOptions Options() => new() { ReportDirectory = temp.File("report"), Settings = new SessionSettings { Device = ExecutionDevice.Cpu } };

    private AuditConfig Config(string settings)
    {
        var path = ShortcutFixture.Create(temp.Path, shortcut: false);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\", " + settings.Replace('\'', '"'), StringComparison.Ordinal));
        return AuditConfigLoader.Load(path);
    }

    [Fact]
    public void Run_NotConfigured_RunsTheDefaultCheckOnTheFirstImages()
    {
        var calibration = Calibrator.Run(Config(""), Options()).Single();

        // Defaults: 3 layers (the fixture has 2 weighted ones: logits, then features), 4 images (it has 2), threshold 0.5.
        var sanity = calibration.Sanity!;
        Assert.Equal(["logits", "features"], sanity.Steps.Select(s => s.Layer));
        Assert.Equal((2, 0.5), (sanity.Images, sanity.Threshold));
        Assert.Null(calibration.SanitySkipped);
        Assert.Contains("  sanity check: weights randomized from the head down, maps of the first 2 images compared with the trained model's\n",
            CalibrationText.Render([calibration]), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameSettingsAsTheAudit_SameCascadeAsTheAuditReports()
    {
        var config = Config("'sanityCheck': { 'layers': 2, 'seed': 3 },");

        var calibrated = Calibrator.Run(config, Options()).Single().Sanity!;
        var audited = AuditRunner.Run(config, Options()).Models[0].Sanity!;

        Assert.Equal(audited.Steps, calibrated.Steps);
    }

    [Fact]
    public void Run_TopLayerOnly_VerdictFollowsSpearmanAndSaysWhatToDo()
    {
        // As in the audit's test: randomizing only the honest model's head leaves its Grad-CAM the trained map (Spearman 1,
        // the map ignores the head) or all zero (0), by the sign of the random weight. Seeds give both.
        var verdicts = new HashSet<bool>();
        for (var seed = 1; seed <= 6; seed++)
        {
            var calibration = Calibrator.Run(Config($"'sanityCheck': {{ 'layers': 1, 'seed': {seed} }},"), Options()).Single();
            var text = CalibrationText.Render([calibration]);

            var spearman = Math.Round(calibration.Sanity!.Steps.Single().Spearman, 6);
            Assert.Contains(spearman, new[] { 0.0, 1.0 });
            verdicts.Add(calibration.Sanity.DependsOnWeights);
            Assert.Contains(spearman == 1
                ? "  sanity check FAILED: |Spearman| 1.000 > 0.500 after randomizing 1 layer: gradcam at features_relu barely changes without the learned weights, so its maps (and bars calibrated on them) prove nothing; change \"method\" or \"layer\" and calibrate again\n"
                : "  sanity check passed: |Spearman| 0.000 <= 0.500 after randomizing 1 layer: the maps depend on the learned weights; keep gradcam at features_relu\n",
                text, StringComparison.Ordinal);
        }

        Assert.Equal(2, verdicts.Count);
    }

    [Fact]
    public void Run_SanityCheckFalseInTheConfig_SkippedAndSaysWhy()
    {
        var calibration = Calibrator.Run(Config("'sanityCheck': false,"), Options()).Single();

        Assert.Null(calibration.Sanity);
        Assert.Contains("  sanity check: skipped (\"sanityCheck\": false in modelaudit.json)\n", CalibrationText.Render([calibration]), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoSanityCheckFlag_SkippedEvenWhenConfigured()
    {
        var calibration = Calibrator.Run(Config("'sanityCheck': true,"), Options(), sanityCheck: false).Single();

        Assert.Null(calibration.Sanity);
        Assert.Equal("--no-sanity-check", calibration.SanitySkipped);
    }

    [Fact]
    public void Render_Cascade_OneRowPerStepWithSpearmanAndSsim()
    {
        var calibration = new ModelCalibration("m", "gradcam", "/backbone/stage4/block2/relu", 3, 0.2, 20, [], [], [])
        {
            Sanity = new SanityReport([new SanityStep(1, "head", 0.91234, 0.5), new SanityStep(2, "/backbone/stage4/block2/conv", -0.25, 0.0123)], 0.5, 3),
        };

        var text = CalibrationText.Render([calibration]);
        var from = text.IndexOf("  sanity check:", StringComparison.Ordinal);

        Assert.Equal("""
              sanity check: weights randomized from the head down, maps of the first 3 images compared with the trained model's
                layers  randomized down to        spearman  ssim
                1       head                         0.912  0.500
                2       ...e/stage4/block2/conv     -0.250  0.012
              sanity check passed: |Spearman| 0.250 <= 0.500 after randomizing 2 layers: the maps depend on the learned weights; keep gradcam at /backbone/stage4/block2/relu

            """.Replace("\r\n", "\n", StringComparison.Ordinal), text[from..text.IndexOf("  suggested", StringComparison.Ordinal)]);
    }
}
