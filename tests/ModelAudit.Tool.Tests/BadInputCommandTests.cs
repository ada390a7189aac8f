using System.Text;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>Issue #12's adversarial inputs through the real tool: exit 2 with one clear line, never exit 3 or a raw control character.</summary>
public sealed class BadInputCommandTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Audit_EmptyReportOption_ExitsTwoSayingWhatToGive()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--report", "", "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("modelaudit: error: --report \"\" is not a folder name; give the folder for the report", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_ReportIntoTheProjectFolder_IsRefusedBeforeTheAuditRuns()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--report", ".", "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("which is not part of a modelaudit report; the report replaces its folder as a whole", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("image(s) analysed", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(config));
    }

    [Fact]
    public void BaselineAccept_BaselineAtTheRoot_ExitsTwoAtTheEntryAndTouchesNothing()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"baseline\": \"baseline\"", "\"baseline\": \"/\"", StringComparison.Ordinal));

        var result = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"modelaudit\.json\(2,15\): error MA1001: ""baseline"": / is the root of the file system", result.Stderr);
    }

    [Fact]
    public void Audit_Utf16Config_ExitsTwoNamingTheEncoding()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        File.WriteAllText(config, File.ReadAllText(config), Encoding.Unicode);

        var result = ToolProcess.RunIn(temp.Path, "audit", config, "--ci");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error MA1001: the file is encoded as UTF-16 (little-endian); save it as UTF-8", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptAndAudit_ModelNameWithControlCharacters_PrintsThemEscaped()
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: true);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"name\": \"shapes\"", "\"name\": \"sha\\u001b[2Jpes\\nmodelaudit.json(1,1): error MA9999: forged\"", StringComparison.Ordinal));

        var accept = ToolProcess.RunIn(temp.Path, "baseline", "accept", config, "--ci", "--device", "cpu");
        var audit = ToolProcess.RunIn(temp.Path, "audit", config, "--ci", "--device", "cpu");

        Assert.True(accept.ExitCode == 0, accept.Stdout + accept.Stderr);
        Assert.Equal(1, audit.ExitCode);
        foreach (var output in new[] { accept.Stdout, accept.Stderr, audit.Stdout, audit.Stderr })
        {
            Assert.DoesNotContain(output, c => char.IsControl(c) && c is not '\n');
            Assert.DoesNotContain("\nmodelaudit.json(1,1): error MA9999", output, StringComparison.Ordinal);
        }

        Assert.Contains("sha\\u001B[2Jpes\\u000Amodelaudit.json(1,1)", audit.Stdout, StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(temp.Path, "modelaudit-report", "summary.md"));
        Assert.DoesNotContain(summary, c => char.IsControl(c) && c is not '\n');
    }
}
