using ModelAudit.Runtime.Native;
using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests.Native;

public class OrtLibraryResolveTests
{
    [Fact]
    public void Resolve_FirstCandidateMissing_FallsThroughToTheNextThatLoads()
    {
        using var dir = new TempDir();
        var missing = dir.File("libonnxruntime.so.1");

        var (path, entry) = OrtLibrary.Resolve([missing, OrtInfo.LibraryPath], HostOs.Linux, pathVariableSet: true);

        Assert.Equal(OrtInfo.LibraryPath, path);
        Assert.NotEqual(0, entry);
    }

    [Fact]
    public void Resolve_NothingLoads_SaysWhatWasTriedAndWhatToDo()
    {
        using var dir = new TempDir();
        var missing = dir.File("absent.so");
        var garbage = dir.File("libonnxruntime.so.1");
        File.WriteAllText(garbage, "this is not a shared library");

        var error = Assert.Throws<OrtException>(() => OrtLibrary.Resolve([missing, garbage], HostOs.Linux, pathVariableSet: false));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.Code);
        Assert.Contains($"{missing}: not found", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{garbage}: failed to load", error.Message, StringComparison.Ordinal);
        Assert.Contains("MODELAUDIT_ORT_PATH", error.Message, StringComparison.Ordinal);
    }
}
