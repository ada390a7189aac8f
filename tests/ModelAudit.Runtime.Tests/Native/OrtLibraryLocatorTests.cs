using System.Runtime.InteropServices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Tests.Native;

public class OrtLibraryLocatorTests
{
    private static readonly Func<string, bool> NoFolders = _ => false;

    [Theory]
    [InlineData(nameof(HostOs.Windows), "onnxruntime.dll")]
    [InlineData(nameof(HostOs.Linux), "libonnxruntime.so")]
    [InlineData(nameof(HostOs.MacOs), "libonnxruntime.dylib")]
    public void LibraryFileName_PerOs_IsWhatTheManagedApiLoads(string osName, string expected)
    {
        var os = Enum.Parse<HostOs>(osName);
        Assert.Equal(expected, OrtLibraryLocator.LibraryFileName(os));
    }

    [Theory]
    [InlineData(nameof(HostOs.Windows), Architecture.X64, "win-x64")]
    [InlineData(nameof(HostOs.Windows), Architecture.Arm64, "win-arm64")]
    [InlineData(nameof(HostOs.Linux), Architecture.X64, "linux-x64")]
    [InlineData(nameof(HostOs.MacOs), Architecture.Arm64, "osx-arm64")]
    public void RuntimeIdentifier_PerPlatform_IsPortableRid(string osName, Architecture architecture, string expected)
    {
        var os = Enum.Parse<HostOs>(osName);
        Assert.Equal(expected, OrtLibraryLocator.RuntimeIdentifier(os, architecture));
    }

    [Fact]
    public void Candidates_NoVariable_RidFolderThenAppFolderBesideEachAssembly()
    {
        var candidates = OrtLibraryLocator.Candidates(["/app", "/app", "/base"], HostOs.Linux, Architecture.X64, null, NoFolders);

        Assert.Equal(
            new[]
            {
                "/app/runtimes/linux-x64/native/libonnxruntime.so", "/app/libonnxruntime.so",
                "/base/runtimes/linux-x64/native/libonnxruntime.so", "/base/libonnxruntime.so",
            },
            candidates);
    }

    [Fact]
    public void Candidates_VariableIsAFile_TriedAfterTheRidFolder()
    {
        var candidates = OrtLibraryLocator.Candidates(["/app"], HostOs.Linux, Architecture.X64, " /opt/ort/lib/libonnxruntime.so.1.30.0 ", NoFolders);

        Assert.Equal("/opt/ort/lib/libonnxruntime.so.1.30.0", candidates[^1]);
        Assert.Equal("/app/runtimes/linux-x64/native/libonnxruntime.so", candidates[0]);
    }

    [Fact]
    public void Candidates_VariableIsAFolder_LooksForTheLibraryInside()
    {
        var candidates = OrtLibraryLocator.Candidates(["/app"], HostOs.MacOs, Architecture.Arm64, "/opt/ort", p => p == "/opt/ort");

        Assert.Equal("/opt/ort/libonnxruntime.dylib", candidates[^1]);
        Assert.Equal("/app/runtimes/osx-arm64/native/libonnxruntime.dylib", candidates[0]);
    }

    [Fact]
    public void NotFoundMessage_VariableUnset_ListsPlacesAndBothRemedies()
    {
        var message = OrtLibraryLocator.NotFoundMessage(HostOs.Linux, ["/app/runtimes/linux-x64/native/libonnxruntime.so: not found"], false);

        Assert.Contains("libonnxruntime.so", message, StringComparison.Ordinal);
        Assert.Contains("/app/runtimes/linux-x64/native/libonnxruntime.so: not found", message, StringComparison.Ordinal);
        Assert.Contains("MODELAUDIT_ORT_PATH: not set", message, StringComparison.Ordinal);
        Assert.Contains("rebuild the repository", message, StringComparison.Ordinal);
        Assert.Contains("set MODELAUDIT_ORT_PATH", message, StringComparison.Ordinal);
    }
}
