using ModelAudit.TestSupport;

namespace ModelAudit.MSBuild.Tests.Integration;

/// <summary>
/// A fresh project outside the repository whose only link to ModelAudit is the PackageReference, restored from
/// the packed feed plus the machine's usual sources.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private readonly TempDir _dir = new();
    private readonly PackedFeed _feed;

    public ConsumerProject(PackedFeed feed)
    {
        _feed = feed;
        // Empty Directory.Build files stop MSBuild from picking up anything above the temp folder.
        File.WriteAllText(_dir.File("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(_dir.File("Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(_dir.File("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="modelaudit-test-feed" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(_dir.File("App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ModelAudit.MSBuild" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
    }

    public string Folder => _dir.Path;

    public string ReportDir => Path.Combine(Folder, "bin", "Debug", "net10.0", "modelaudit");

    public string Config => _dir.File("modelaudit.json");

    public DotnetCli.Result Build(bool ci = false, params string[] extra) =>
        Run(ci, ["build", "--disable-build-servers", .. extra]);

    public DotnetCli.Result Clean() => Run(false, ["clean", "--disable-build-servers"]);

    /// <summary>`dotnet build -t:TARGET`, e.g. ModelAuditAcceptBaseline.</summary>
    public DotnetCli.Result Target(string target, params string[] extra) =>
        Run(false, ["build", "-t:" + target, "--disable-build-servers", .. extra]);

    public void Dispose() => _dir.Dispose();

    private DotnetCli.Result Run(bool ci, string[] args)
    {
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _feed.Packages };
        if (ci)
        {
            environment["CI"] = "true";
        }

        return DotnetCli.Run(Folder, environment, BuildTimeout, args);
    }
}
