using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>Issue 8.5 end to end: `baseline accept` and `audit` with Eigen-CAM on a model with an operator that has no gradient rule.</summary>
public sealed class GradientFreeAuditCommandTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AcceptThenAudit_EigenCamPastAnOperatorWithoutGradientRule_ExitsZero()
    {
        var config = GradientFreeFixture.Create(temp.Path);

        var accept = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        var audit = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        Assert.True(accept.ExitCode == 0, accept.Stdout + accept.Stderr);
        Assert.True(audit.ExitCode == 0, audit.Stdout + audit.Stderr);
        Assert.Contains("PASSED", audit.Stdout, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(temp.Path, "modelaudit-report", "report.html"));
        Assert.Contains($"(operator {GradientFreeFixture.UnsupportedOperator})", html, StringComparison.Ordinal);
    }
}
