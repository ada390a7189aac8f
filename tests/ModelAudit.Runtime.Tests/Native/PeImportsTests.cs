using ModelAudit.Runtime.Native;
using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests.Native;

public class PeImportsTests
{
    private static string WindowsNative(string file) =>
        Path.Combine(RepoPaths.Root, "eng", "natives", "node_modules", "onnxruntime-node", "bin", "napi-v6", "win32", "x64", file);

    [Fact]
    public void Read_OnnxRuntimeDll_ListsItsImportsAsObjdumpDoes()
    {
        var imports = PeImports.Read(WindowsNative("onnxruntime.dll"));

        // `objdump -p onnxruntime.dll | grep "DLL Name"` on ONNX Runtime 1.30.0's win-x64 build: 52 DLLs.
        Assert.Equal(52, imports.Count);
        Assert.Equal("api-ms-win-core-libraryloader-l1-2-0.dll", imports[0]);
        Assert.Equal("api-ms-win-crt-environment-l1-1-0.dll", imports[^1]);
        Assert.Contains("SETUPAPI.dll", imports);
        Assert.Contains("dbghelp.dll", imports);
    }

    [Fact]
    public void Read_DirectMlDll_ImportsD3d12AndNoVisualCppRuntime()
    {
        var imports = PeImports.Read(WindowsNative("DirectML.dll"));

        Assert.Contains("d3d12.dll", imports);
        Assert.DoesNotContain(imports, VisualCppRuntime.IsVisualCppRuntime);
    }

    [Fact]
    public void Read_LinuxSharedLibrary_IsNotAWindowsDll()
    {
        var error = Assert.Throws<InvalidDataException>(() => PeImports.Read(OrtInfo.LibraryPath));

        Assert.Contains("not a Windows DLL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedDll_SaysTruncated()
    {
        using var dir = new TempDir();
        var path = dir.File("onnxruntime.dll");
        using (var source = File.OpenRead(WindowsNative("onnxruntime.dll")))
        using (var target = File.Create(path))
        {
            var head = new byte[1024];
            source.ReadExactly(head);
            target.Write(head);
        }

        var error = Assert.Throws<InvalidDataException>(() => PeImports.Read(path));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }
}
