using ModelAudit.Runtime.Native;
using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests.Native;

public class OrtLibraryResolveTests
{
    [Fact]
    public void Load_FirstCandidateMissing_FallsThroughToTheNextThatLoads()
    {
        using var dir = new TempDir();
        var missing = dir.File("libonnxruntime.so");

        var (path, handle) = OrtLibrary.Load([missing, OrtInfo.LibraryPath], HostOs.Linux, pathVariableSet: true);

        Assert.Equal(OrtInfo.LibraryPath, path);
        Assert.NotEqual(0, handle);
    }

    [Fact]
    public void Load_NothingLoads_SaysWhatWasTriedAndWhatToDo()
    {
        using var dir = new TempDir();
        var missing = dir.File("absent.so");
        var garbage = dir.File("libonnxruntime.so");
        File.WriteAllText(garbage, "this is not a shared library");

        var error = Assert.Throws<OrtLibraryException>(() => OrtLibrary.Load([missing, garbage], HostOs.Linux, pathVariableSet: false));

        Assert.Contains($"{missing}: not found", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{garbage}: failed to load", error.Message, StringComparison.Ordinal);
        Assert.Contains("MODELAUDIT_ORT_PATH", error.Message, StringComparison.Ordinal);
    }
}
