using System.Text.Json;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>The audit gate as CI runs it: exit codes, canonical diagnostics, the four report files.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static string Sample => Path.Combine(RepoPaths.TestData, "sample", "modelaudit.json");

    [Fact]
    public void Audit_Sample_PassesAndWritesAllFourReports()
    {
        var report = temp.File("report");

        var result = ToolProcess.Run("audit", Sample, "--report", report, "--ci", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        foreach (var file in new[] { "report.html", "results.json", "junit.xml", "summary.md" })
        {
            Assert.True(File.Exists(Path.Combine(report, file)), $"{file} missing");
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "results.json")));
        Assert.Equal(9, json.RootElement.GetProperty("models")[0].GetProperty("images").GetArrayLength());
        Assert.Contains("PASSED", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(": error MA", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_ShortcutModel_ExitsOneWithCanonicalErrorsPointingIntoTheConfig()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: true);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n').Where(l => l.Contains(": error MA", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^modelaudit\.json\(\d+,\d+\): error MA1101: shapes/a\.png: relevance mass 0\.00 < 0\.60"));
        Assert.True(File.Exists(Path.Combine(temp.Path, "modelaudit-report", "report.html")));
        // "layer" is left at "auto": the log says what it chose (the 1x1 filters keep the 32x32 input's grid) and why.
        Assert.Contains(
            "modelaudit: layer auto of shapes: 'features_relu', the last feature map on the path to the output: its 32x32 map (cells of 1x1 input pixels) "
            + "puts at least two cells across the smallest expected region (the 12x12-pixel box of a.png, where a cell is 1x1 pixels)",
            result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Audit_FailOnNever_ExitsZeroButReportsWarnings()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: true);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--fail-on", "never", "--device", "cpu");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(": warning MA1101:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_BrokenConfig_ExitsTwoNamingLineAndColumn()
    {
        var config = temp.File("modelaudit.json");
        File.WriteAllText(config, "{\n  \"models\": [\n    { \"name\": \"x\", \"path\": 42 }\n  ]\n}\n");

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"modelaudit\.json\(3,\d+\): error MA1001: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BaselineAccept_ThenAuditAfterModelSwap_FailsAsRegression()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var accept = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        Assert.True(accept.ExitCode == 0, accept.Stdout + accept.Stderr);
        var first = Directory.GetFiles(Path.Combine(temp.Path, "baseline"), "*", SearchOption.AllDirectories).Order().Select(File.ReadAllBytes).ToList();
        ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        var second = Directory.GetFiles(Path.Combine(temp.Path, "baseline"), "*", SearchOption.AllDirectories).Order().Select(File.ReadAllBytes).ToList();
        Assert.Equal(first, second);

        ShortcutFixture.WriteModel(Path.Combine(temp.Path, "model.onnx"), shortcut: true);
        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--fail-on", "regression", "--device", "cpu");

        Assert.True(result.ExitCode == 1, result.Stdout + result.Stderr);
        Assert.Contains(": error MA1202:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(": warning MA1204:", result.Stdout, StringComparison.Ordinal);
    }
}
