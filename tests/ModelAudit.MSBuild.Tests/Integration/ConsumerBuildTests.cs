using System.Text.RegularExpressions;
using ModelAudit.TestSupport;

namespace ModelAudit.MSBuild.Tests.Integration;

/// <summary>
/// The promise of the package: a project with only the PackageReference and a modelaudit.json gets the report on
/// every build, fails on CI when the model looks elsewhere, skips an unchanged audit, and cleans up.
/// </summary>
[Trait("Category", "Integration")]
[Collection(PackedFeedCollection.Name)]
public sealed partial class ConsumerBuildTests(PackedFeed feed)
{
    private static readonly string[] ReportFiles = ["report.html", "results.json", "junit.xml", "summary.md"];

    [Fact]
    public void Build_PassingAudit_WritesReportSkipsWhenUnchangedAndCleanRemovesIt()
    {
        using var app = new ConsumerProject(feed);
        ShortcutFixture.Create(app.Folder, shortcut: false);

        var first = app.Build();

        Assert.True(first.ExitCode == 0, first.Tail);
        Assert.Contains("ModelAudit report: " + Path.Combine(app.ReportDir, "report.html"), first.Output, StringComparison.Ordinal);
        foreach (var file in ReportFiles)
        {
            Assert.True(File.Exists(Path.Combine(app.ReportDir, file)), $"{file} missing after the build:\n{first.Tail}");
        }

        var report = Path.Combine(app.ReportDir, "report.html");
        var written = File.GetLastWriteTimeUtc(report);

        var second = app.Build(ci: false, "-v:d");

        Assert.True(second.ExitCode == 0, second.Tail);
        Assert.Contains("Skipping target \"_ModelAuditRun\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(report));

        // An input the audit read (listed by the tool in inputs.txt) changed: the audit runs again.
        File.SetLastWriteTimeUtc(Path.Combine(app.Folder, "a.png"), DateTime.UtcNow.AddMinutes(1));
        var third = app.Build(ci: false, "-v:d");

        Assert.True(third.ExitCode == 0, third.Tail);
        Assert.DoesNotContain("Skipping target \"_ModelAuditRun\"", third.Output, StringComparison.Ordinal);

        var clean = app.Clean();

        Assert.True(clean.ExitCode == 0, clean.Tail);
        foreach (var file in ReportFiles)
        {
            Assert.False(File.Exists(Path.Combine(app.ReportDir, file)), $"{file} survived dotnet clean");
        }

        // The tool's cache of filter patterns and activation grids and its folder marker go too, and so the folder.
        Assert.False(Directory.Exists(app.ReportDir), $"dotnet clean left {app.ReportDir}: {string.Join(", ", Leftovers(app.ReportDir))}");
    }

    private static IEnumerable<string> Leftovers(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(folder, e)) : [];

    [Fact]
    public void Build_ShortcutModel_FailsOnCiWithCodeInConfigAndWarnsLocally()
    {
        using var app = new ConsumerProject(feed);
        ShortcutFixture.Create(app.Folder, shortcut: true);

        var ci = app.Build(ci: true);

        Assert.NotEqual(0, ci.ExitCode);
        var error = CanonicalError().Match(ci.Output);
        Assert.True(error.Success, ci.Tail);
        Assert.Equal(app.Config, error.Groups["file"].Value);
        // The location is the failing image's entry in modelaudit.json.
        var line = File.ReadAllLines(app.Config)[int.Parse(error.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1];
        Assert.Matches(@"""[ab]\.png""", line);
        Assert.True(File.Exists(Path.Combine(app.ReportDir, "report.html")), "a failing audit still writes its report");

        var local = app.Build(ci: false);

        Assert.True(local.ExitCode == 0, local.Tail);
        Assert.Matches(@"modelaudit\.json\(\d+,\d+\): warning MA11\d\d: ", local.Output);
        Assert.DoesNotMatch(@": error MA\d{4}: ", local.Output);
    }

    [Fact]
    public void AcceptBaselineTarget_FromThePackageAlone_NextBuildAuditsAgainWithoutMA1205AndCiFailsASwappedModel()
    {
        using var app = new ConsumerProject(feed);
        ShortcutFixture.Create(app.Folder, shortcut: false);

        var first = app.Build();

        Assert.True(first.ExitCode == 0, first.Tail);
        Assert.Contains("warning MA1205", first.Output, StringComparison.Ordinal);

        var accept = app.Target("ModelAuditAcceptBaseline");

        Assert.True(accept.ExitCode == 0, accept.Tail);
        var baseline = Path.Combine(app.Folder, "baseline");
        Assert.True(Directory.Exists(baseline) && Directory.EnumerateFiles(baseline, "*", SearchOption.AllDirectories).Any(), accept.Tail);

        // The gate passed before, so only the new baseline files can make this build audit again.
        var second = app.Build(ci: false, "-v:d");

        Assert.True(second.ExitCode == 0, second.Tail);
        Assert.DoesNotContain("Skipping target \"_ModelAuditRun\"", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MA1205", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MA1205", File.ReadAllText(Path.Combine(app.ReportDir, "results.json")), StringComparison.Ordinal);

        var unchanged = app.Build(ci: false, "-v:d");
        Assert.Contains("Skipping target \"_ModelAuditRun\" because all output files are up-to-date", unchanged.Output, StringComparison.Ordinal);

        // A baseline file removed is a change too.
        File.Delete(Directory.EnumerateFiles(baseline, "*", SearchOption.AllDirectories).First());
        var removed = app.Build(ci: false, "-v:d");
        Assert.DoesNotContain("Skipping target \"_ModelAuditRun\"", removed.Output, StringComparison.Ordinal);

        app.Target("ModelAuditAcceptBaseline");
        ShortcutFixture.WriteModel(Path.Combine(app.Folder, "model.onnx"), shortcut: true);
        var ci = app.Build(ci: true);

        Assert.NotEqual(0, ci.ExitCode);
        Assert.Matches(@": error MA1[12]\d\d: ", ci.Output);
    }

    [Fact]
    public void CalibrateTarget_FromThePackageAlone_PrintsTheThresholdsToPaste()
    {
        using var app = new ConsumerProject(feed);
        ShortcutFixture.Create(app.Folder, shortcut: false);

        var calibrate = app.Target("ModelAuditCalibrate");

        Assert.True(calibrate.ExitCode == 0, calibrate.Tail);
        Assert.Contains("relevance mass", calibrate.Output, StringComparison.Ordinal);
        Assert.Matches("\"thresholds\": \\{ \"minRelevanceMass\": 0\\.\\d+", calibrate.Output);
    }

    [Fact]
    public void CalibrateTarget_PackagedToolNotFetchedYet_FetchesItAndRuns()
    {
        using var app = new ConsumerProject(feed);
        ShortcutFixture.Create(app.Folder, shortcut: false);
        // As on a fresh machine: the platform package of the tool is not in the NuGet cache (tests of this collection
        // run one at a time, and the next build fetches it again).
        foreach (var fetched in Directory.GetDirectories(feed.Packages, "modelaudit.tool.*"))
        {
            Directory.Delete(fetched, recursive: true);
        }

        var calibrate = app.Target("ModelAuditCalibrate");

        Assert.True(calibrate.ExitCode == 0, calibrate.Tail);
        Assert.Contains("ModelAudit: fetching ModelAudit.Tool", calibrate.Output, StringComparison.Ordinal);
        Assert.Contains("relevance mass", calibrate.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ModelAuditCalibrate")]
    [InlineData("ModelAuditAcceptBaseline")]
    [InlineData("Build")]
    public void Target_ToolPathToAMissingDll_OneErrorNamingTheFullPathAndTheProperty(string target)
    {
        using var app = new ConsumerProject(feed);
        ShortcutFixture.Create(app.Folder, shortcut: false);

        var result = app.Target(target, "-p:ModelAuditToolPath=tools/modelaudit.dll");

        var expected = Path.Combine(app.Folder, "tools", "modelaudit.dll");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"ModelAudit: the tool {expected} does not exist (set ModelAuditToolPath", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("exited with code", result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(?<file>\S.*?modelaudit\.json)\((?<line>\d+),(?<column>\d+)\): error (?<code>MA11\d\d): ", RegexOptions.Multiline)]
    private static partial Regex CanonicalError();
}
