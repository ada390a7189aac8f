using ModelAudit.MSBuild;

namespace ModelAudit.MSBuild.Tests;

public class FindingsPolicyTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    [Theory]
    // Locally: nothing set.
    [InlineData(null, null, null, null, null, false)]
    [InlineData("", "", null, null, null, false)]
    // Each CI variable alone.
    [InlineData(null, null, "true", null, null, true)]
    [InlineData(null, null, "1", null, null, true)]
    [InlineData(null, null, null, "True", null, true)]
    [InlineData(null, null, null, null, "true", true)]
    // An explicit "no" in a CI variable is not CI.
    [InlineData(null, null, "false", null, null, false)]
    [InlineData(null, null, "0", null, null, false)]
    [InlineData(null, null, "  ", null, null, false)]
    [InlineData(null, null, "false", "True", null, true)]
    // The ContinuousIntegrationBuild property.
    [InlineData(null, "true", null, null, null, true)]
    [InlineData(null, "TRUE", null, null, null, true)]
    [InlineData(null, "false", null, null, null, false)]
    [InlineData(null, "false", "true", null, null, true)]
    // The explicit setting wins both ways.
    [InlineData("false", "true", "true", "True", "true", false)]
    [InlineData("true", null, null, null, null, true)]
    [InlineData(" True ", null, null, null, null, true)]
    public void TreatAsErrors_Matrix_MatchesTheRules(
        string? explicitSetting, string? ciBuild, string? ci, string? tfBuild, string? githubActions, bool expected)
    {
        var variables = new List<(string, string)>();
        if (ci is not null)
        {
            variables.Add(("CI", ci));
        }

        if (tfBuild is not null)
        {
            variables.Add(("TF_BUILD", tfBuild));
        }

        if (githubActions is not null)
        {
            variables.Add(("GITHUB_ACTIONS", githubActions));
        }

        Assert.Equal(expected, FindingsPolicy.TreatAsErrors(explicitSetting, ciBuild, Env([.. variables])));
    }

    [Fact]
    public void TreatAsErrors_UnknownSetting_ThrowsNamingTheProperty()
    {
        var e = Assert.Throws<ArgumentException>(() => FindingsPolicy.TreatAsErrors("yes", null, Env()));

        Assert.Contains("ModelAuditTreatFindingsAsErrors", e.Message, StringComparison.Ordinal);
        Assert.Contains("'yes'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsCi_OtherVariables_AreIgnored()
    {
        Assert.False(FindingsPolicy.IsCi(Env(("JENKINS_URL", "http://ci"), ("BUILD_ID", "7"))));
    }

    [Theory]
    [InlineData(0, false, true)]
    [InlineData(0, true, true)]
    [InlineData(1, false, true)]
    [InlineData(1, true, false)]
    [InlineData(2, false, false)]
    [InlineData(3, false, false)]
    [InlineData(-1, false, false)]
    public void BuildSucceeds_ExitCodes_OnlyAFailedGateCanBeAWarning(int exitCode, bool findingsAsErrors, bool expected)
    {
        Assert.Equal(expected, FindingsPolicy.BuildSucceeds(exitCode, findingsAsErrors));
        Assert.Equal(!expected, FindingsPolicy.ErrorLineIsError(exitCode, findingsAsErrors));
    }
}
