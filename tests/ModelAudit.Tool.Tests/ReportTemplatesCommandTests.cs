using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>The report's design from the config ("report.templates") and from --templates, which wins.</summary>
public sealed class ReportTemplatesCommandTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Audit_ConfigTemplates_ReplaceThePageRelativeToTheConfig()
    {
        var config = Project("design");
        Design("design", "config design");

        // Run from another folder: the path is the config's, not the working folder's.
        var result = ToolProcess.RunIn(Path.GetTempPath(), "audit", config, "--ci", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("<p>config design: Passed</p>", File.ReadAllText(temp.File("modelaudit-report/report.html")).Trim());
    }

    [Fact]
    public void Audit_FlagAndConfigTemplates_TheFlagWins()
    {
        var config = Project("design");
        Design("design", "config design");
        Design("other", "flag design");

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu", "--templates", temp.File("other"));

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("<p>flag design: Passed</p>", File.ReadAllText(temp.File("modelaudit-report/report.html")).Trim());
    }

    [Fact]
    public void Audit_ConfigTemplatesMissing_ExitsTwoNamingTheConfigTheFieldAndThePath()
    {
        var config = Project("desing");

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(@"modelaudit\.json\(3,\d+\): error MA1002: report\.templates: templates folder desing not found \(looked for .*desing\)", line);
        Assert.False(Directory.Exists(temp.File("modelaudit-report")), "a report was written for a config that does not load");
    }

    /// <summary>The shortcut fixture's honest model (it passes), with "report.templates" on line 3.</summary>
    private string Project(string templates)
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        var json = File.ReadAllText(config).Replace(
            "  \"baseline\": \"baseline\",\n",
            $"  \"baseline\": \"baseline\",\n  \"report\": {{ \"templates\": \"{templates}\", \"filters\": false, \"activations\": false }},\n",
            StringComparison.Ordinal);
        Assert.Contains("templates", json, StringComparison.Ordinal);
        File.WriteAllText(config, json);
        return config;
    }

    private void Design(string folder, string text)
    {
        Directory.CreateDirectory(temp.File(folder));
        File.WriteAllText(temp.File(Path.Combine(folder, "report.sbn")), $"<p>{text}: {{{{ verdict.title }}}}</p>\n");
    }
}
