using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests.Native;

public class VisualCppRuntimeTests
{
    private static readonly string OnnxRuntimeDll =
        Path.Combine(RepoPaths.Root, "eng", "natives", "node_modules", "onnxruntime-node", "bin", "napi-v6", "win32", "x64", "onnxruntime.dll");

    [Fact]
    public void Check_OnnxRuntimeDll_RequiresTheFiveRuntimeDllsObjdumpLists()
    {
        var status = VisualCppRuntime.Check(OnnxRuntimeDll, _ => true);

        Assert.True(status.Ok);
        Assert.Equal(
            ["MSVCP140.dll", "MSVCP140_1.dll", "MSVCP140_ATOMIC_WAIT.dll", "VCRUNTIME140.dll", "VCRUNTIME140_1.dll"],
            status.Required.Order(StringComparer.OrdinalIgnoreCase));
        Assert.StartsWith("found (", VisualCppRuntime.Describe(status), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RuntimeNotInstalled_NamesTheMissingDllsAndTheRedistributable()
    {
        var status = VisualCppRuntime.Check(OnnxRuntimeDll, dll => !dll.StartsWith("MSVCP", StringComparison.OrdinalIgnoreCase));

        Assert.False(status.Ok);
        Assert.Equal(["MSVCP140.dll", "MSVCP140_1.dll", "MSVCP140_ATOMIC_WAIT.dll"], status.Missing.Order(StringComparer.OrdinalIgnoreCase));
        var text = VisualCppRuntime.Describe(status);
        Assert.Contains("missing MSVCP140.dll", text, StringComparison.Ordinal);
        Assert.Contains("Visual C++ Redistributable", text, StringComparison.Ordinal);
        Assert.Contains("https://aka.ms/vs/17/release/vc_redist.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FileThatIsNoDll_SaysWhyItWasNotChecked()
    {
        using var dir = new TempDir();
        var path = dir.File("onnxruntime.dll");
        File.WriteAllText(path, "not a DLL");

        var status = VisualCppRuntime.Check(path, _ => true);

        Assert.False(status.Ok);
        Assert.StartsWith("not checked: cannot read the imports of", VisualCppRuntime.Describe(status), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OnLinux_NeedsNothing()
    {
        var status = VisualCppRuntime.Check(OrtInfo.LibraryPath);

        Assert.True(status.Ok);
        Assert.Empty(status.Required);
        Assert.Equal("not needed on this system", VisualCppRuntime.Describe(status));
    }
}
