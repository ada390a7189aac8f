using System.IO.Compression;
using System.Xml.Linq;

namespace ModelAudit.MSBuild.Tests.Integration;

[Trait("Category", "Integration")]
[Collection(PackedFeedCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    // The budget for what one platform downloads (tool package + MSBuild package).
    private const long DownloadBudget = 35L * 1024 * 1024;

    [Fact]
    public void ToolPackage_NamesEveryPackedPlatformAndCarriesNoBinaries()
    {
        var entries = Entries(feed.ToolPackage);
        using var zip = ZipFile.OpenRead(feed.ToolPackage);
        using var reader = new StreamReader(zip.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());
        var settings = XDocument.Parse(reader.ReadToEnd()).Root!;

        Assert.Equal("modelaudit", settings.Descendants("Command").Single().Attribute("Name")?.Value);
        var rids = settings.Descendants("RuntimeIdentifierPackage").Select(p => p.Attribute("RuntimeIdentifier")?.Value).ToList();
        Assert.Equal(PackedFeed.Platforms.Order(StringComparer.Ordinal), rids.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void PlatformPackage_Windows_CarriesOnnxRuntimeAndDirectMlButNoOtherPlatform()
    {
        var entries = Entries(feed.PlatformPackages["win-x64"]);

        Assert.Contains("tools/net10.0/win-x64/modelaudit.dll", entries);
        Assert.Contains("tools/net10.0/win-x64/runtimes/win-x64/native/onnxruntime.dll", entries);
        Assert.Contains("tools/net10.0/win-x64/runtimes/win-x64/native/DirectML.dll", entries);
        Assert.DoesNotContain(entries, e => e.Contains("libonnxruntime", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("/runtimes/", StringComparison.Ordinal) && !e.Contains("/runtimes/win-x64/", StringComparison.Ordinal));
    }

    [Fact]
    public void PlatformPackage_ThisMachine_CarriesItsOwnNativeOnly()
    {
        var rid = PackedFeed.Platforms[0];
        var entries = Entries(feed.PlatformPackages[rid]);

        Assert.Contains(entries, e => e.StartsWith($"tools/net10.0/{rid}/runtimes/{rid}/native/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("/runtimes/", StringComparison.Ordinal) && !e.Contains($"/runtimes/{rid}/", StringComparison.Ordinal));
    }

    [Fact]
    public void Download_EachPlatform_FitsTheBudget()
    {
        foreach (var (rid, package) in feed.PlatformPackages)
        {
            var total = new FileInfo(package).Length + new FileInfo(feed.ToolPackage).Length + new FileInfo(feed.MSBuildPackage).Length;
            Assert.True(total < DownloadBudget, $"{rid}: {total / (1024.0 * 1024.0):F1} MiB downloaded, over the 35 MiB budget");
        }
    }

    [Fact]
    public void MSBuildPackage_Layout_TaskAndBuildFilesButNoToolLibOrDependencies()
    {
        var entries = Entries(feed.MSBuildPackage);

        Assert.Contains("build/ModelAudit.MSBuild.props", entries);
        Assert.Contains("build/ModelAudit.MSBuild.targets", entries);
        Assert.Contains("build/ModelAudit.MSBuild.Tool.targets", entries);
        Assert.Contains("tasks/netstandard2.0/ModelAudit.MSBuild.dll", entries);
        // The tool comes from its own package, fetched for the machine's platform: no second copy here.
        Assert.DoesNotContain(entries, e => e.StartsWith("tools/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        // The task never loads ONNX Runtime or the build engine itself: neither ships beside it.
        Assert.DoesNotContain(entries, e => e.StartsWith("tasks/", StringComparison.Ordinal) && !e.EndsWith("ModelAudit.MSBuild.dll", StringComparison.Ordinal));

        var metadata = Nuspec(feed.MSBuildPackage);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies");
    }

    [Fact]
    public void MSBuildPackage_VersionProps_NameTheToolVersionAndPlatforms()
    {
        using var zip = ZipFile.OpenRead(feed.MSBuildPackage);
        using var reader = new StreamReader(zip.GetEntry("build/ModelAudit.MSBuild.version.props")!.Open());
        var group = XDocument.Parse(reader.ReadToEnd()).Root!.Element("PropertyGroup")!;

        Assert.Equal(feed.Version, group.Element("ModelAuditVersion")?.Value);
        Assert.Equal(string.Join(",", PackedFeed.Platforms), group.Element("ModelAuditToolRids")?.Value);
    }

    [Fact]
    public void EveryPackage_HasAReadme()
    {
        foreach (var package in feed.PlatformPackages.Values.Append(feed.ToolPackage).Append(feed.MSBuildPackage))
        {
            Assert.Contains("README.md", Entries(package));
            Assert.Equal("README.md", Nuspec(package).Elements().Single(e => e.Name.LocalName == "readme").Value);
        }
    }

    private static List<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private static XElement Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }
}
