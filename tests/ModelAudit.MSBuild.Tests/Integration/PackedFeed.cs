using ModelAudit.TestSupport;

namespace ModelAudit.MSBuild.Tests.Integration;

/// <summary>
/// Packs ModelAudit.Tool and ModelAudit.MSBuild once per test run into a temporary feed, building in a private
/// artifacts folder so the repository's own bin/obj are untouched (and reruns are incremental). Shared by the
/// classes of <see cref="PackedFeedCollection"/>: two packs into one artifacts folder at once would collide.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(12);
    private readonly TempDir _root = new();

    public PackedFeed()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);
        // One folder per clone: runs from two clones (a developer's and CI's) never share build outputs.
        var clone = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RepoPaths.Root)))[..12];
        var artifacts = Path.Combine(Path.GetTempPath(), "modelaudit-msbuild-tests-pack-" + clone);
        foreach (var project in new[] { "src/ModelAudit.Tool/ModelAudit.Tool.csproj", "src/ModelAudit.MSBuild/ModelAudit.MSBuild.csproj" })
        {
            var result = DotnetCli.Run(
                RepoPaths.Root,
                new Dictionary<string, string>(),
                PackTimeout,
                "pack", Path.Combine(RepoPaths.Root, project), "-c", "Release", "-o", Feed, "--artifacts-path", artifacts, "--disable-build-servers",
                $"-p:ModelAuditToolRids=\"{string.Join(";", Platforms)}\"");
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed ({result.ExitCode}):\n{result.Tail}");
            }
        }

        MSBuildPackage = Single("ModelAudit.MSBuild.");
        ToolPackage = Single("ModelAudit.Tool.");
        PlatformPackages = Platforms.ToDictionary(rid => rid, rid => Single($"ModelAudit.Tool.{rid}."), StringComparer.Ordinal);
        Version = Path.GetFileNameWithoutExtension(MSBuildPackage)["ModelAudit.MSBuild.".Length..];
    }

    /// <summary>
    /// The platforms packed here: this machine's (the consumers fetch it) and win-x64 (its layout is checked). A
    /// release packs all five (eng/ToolPlatforms.props); two keep the test run's pack time down.
    /// </summary>
    public static IReadOnlyList<string> Platforms { get; } =
        new[] { System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "win-x64" }.Distinct(StringComparer.Ordinal).ToList();

    public string Feed => Path.Combine(_root.Path, "feed");

    /// <summary>A private NUGET_PACKAGES: the consumers neither read nor pollute the machine's package cache.</summary>
    public string Packages => Path.Combine(_root.Path, "packages");

    public string MSBuildPackage { get; }

    /// <summary>The small ModelAudit.Tool package that names the platforms.</summary>
    public string ToolPackage { get; }

    /// <summary>ModelAudit.Tool.&lt;rid&gt; by RID: the tool with that platform's natives.</summary>
    public IReadOnlyDictionary<string, string> PlatformPackages { get; }

    public string Version { get; }

    public void Dispose() => _root.Dispose();

    private string Single(string prefix)
    {
        var matches = Directory.GetFiles(Feed, prefix + "*.nupkg")
            .Where(f => char.IsDigit(Path.GetFileName(f)[prefix.Length]))
            .ToList();
        Assert.True(matches.Count == 1, $"expected one {prefix}*.nupkg in {Feed}, found {matches.Count}");
        return matches[0];
    }
}

/// <summary>The test classes that need the packed feed; one fixture serves them all, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
