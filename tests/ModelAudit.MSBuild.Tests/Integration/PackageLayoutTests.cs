using System.IO.Compression;
using System.Xml.Linq;

namespace ModelAudit.MSBuild.Tests.Integration;

[Trait("Category", "Integration")]
[Collection(PackedFeedCollection.Name)]
public sealed class PackageLayoutTests(PackedFeed feed)
{
    // What the Runtime's resolver probes under the tool's folder: runtimes/<rid>/native/<file>, as the managed API names it.
    public static TheoryData<string> Natives =>
    [
        "runtimes/linux-x64/native/libonnxruntime.so",
        "runtimes/linux-arm64/native/libonnxruntime.so",
        "runtimes/win-x64/native/onnxruntime.dll",
        "runtimes/win-x64/native/DirectML.dll",
        "runtimes/win-arm64/native/onnxruntime.dll",
        "runtimes/osx-arm64/native/libonnxruntime.dylib",
    ];

    [Theory]
    [MemberData(nameof(Natives))]
    public void ToolPackage_EveryPlatform_CarriesOnnxRuntime(string native)
    {
        Assert.Contains("tools/net10.0/any/" + native, Entries(feed.ToolPackage));
    }

    [Theory]
    [MemberData(nameof(Natives))]
    public void MSBuildPackage_EveryPlatform_CarriesOnnxRuntimeBesideTheTool(string native)
    {
        Assert.Contains("tools/" + native, Entries(feed.MSBuildPackage));
    }

    [Fact]
    public void ToolPackage_IsADotnetToolNamedModelaudit()
    {
        using var zip = ZipFile.OpenRead(feed.ToolPackage);
        using var reader = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
        var command = XDocument.Parse(reader.ReadToEnd()).Descendants("Command").Single();

        Assert.Equal("modelaudit", command.Attribute("Name")?.Value);
        Assert.Equal("modelaudit.dll", command.Attribute("EntryPoint")?.Value);
    }

    [Fact]
    public void MSBuildPackage_Layout_TaskBuildFilesAndToolButNoLibOrDependencies()
    {
        var entries = Entries(feed.MSBuildPackage);

        Assert.Contains("build/ModelAudit.MSBuild.props", entries);
        Assert.Contains("build/ModelAudit.MSBuild.targets", entries);
        Assert.Contains("tasks/netstandard2.0/ModelAudit.MSBuild.dll", entries);
        Assert.Contains("tools/modelaudit.dll", entries);
        Assert.Contains("tools/modelaudit.runtimeconfig.json", entries);
        Assert.Contains("tools/modelaudit.deps.json", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        // The task never loads ONNX Runtime or the build engine itself: neither ships beside it.
        Assert.DoesNotContain(entries, e => e.StartsWith("tasks/", StringComparison.Ordinal) && !e.EndsWith("ModelAudit.MSBuild.dll", StringComparison.Ordinal));

        var metadata = Nuspec(feed.MSBuildPackage);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies");
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
