using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`calibrate` and `baseline accept --calibrate` run the sanity check by default; `--no-sanity-check` skips it.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Calibrate_Default_PrintsTheCascadeAndAVerdict()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "calibrate", config, "--ci", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("  sanity check: weights randomized from the head down, maps of the first 2 images compared with the trained model's\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("    2       features ", result.Stdout, StringComparison.Ordinal);
        Assert.Matches("  sanity check (passed|FAILED): \\|Spearman\\| \\d\\.\\d{3} (<=|>) 0\\.500 after randomizing 2 layers: ", result.Stdout);
    }

    [Fact]
    public void Calibrate_NoSanityCheck_SaysItWasSkipped()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "calibrate", config, "--ci", "--device", "cpu", "--no-sanity-check");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("  sanity check: skipped (--no-sanity-check)\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("randomized down to", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BaselineAcceptCalibrate_SanityCheckFalseInTheConfig_SkippedAndTheBaselineWritten()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"method\": \"gradcam\",", "\"method\": \"gradcam\", \"sanityCheck\": false,", StringComparison.Ordinal));

        var result = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--calibrate", "--ci", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("  sanity check: skipped (\"sanityCheck\": false in modelaudit.json)\n", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "baseline", "shapes", "baseline.json")));
    }

    [Fact]
    public void BaselineAcceptCalibrate_MarginOutOfRange_Exit2BeforeWritingTheBaseline()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--calibrate", "--margin", "1.5", "--ci", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--margin 1.5: the margin is a share in [0, 1)", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "baseline")), "nothing is written when the flags are refused");
    }

    [Theory]
    [InlineData("--out", "part")]
    [InlineData("--shard", "1/2", "--out", "part", "--calibrate")]
    public void BaselineAccept_FlagsThatWouldBeIgnored_Exit2WithoutWriting(params string[] flags)
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, ["baseline", "accept", config, "--ci", "--device", "cpu", .. flags]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("modelaudit: error: baseline accept --", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "baseline")) || Directory.Exists(Path.Combine(temp.Path, "part")));
    }
}
