using System.Diagnostics;
using System.Text.Json;
using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests.Build;

/// <summary>
/// eng/OnnxRuntime.targets picks ONNX Runtime's natives by the target RID: evaluated by MSBuild itself
/// (the selection target alone, no build), so the test sees exactly what a publish would copy.
/// </summary>
public sealed class NativeSelectionTests
{
    private static readonly string Project = Path.Combine(RepoPaths.Root, "src", "ModelAudit.Runtime", "ModelAudit.Runtime.csproj");

    [Fact]
    public void Select_WinX64Publish_OnnxRuntimeAndDirectMLOnly()
    {
        var natives = Select("-p:RuntimeIdentifier=win-x64");

        Assert.Equal(
            new[] { "runtimes/win-x64/native/DirectML.dll", "runtimes/win-x64/native/onnxruntime.dll" },
            natives);
    }

    [Fact]
    public void Select_PortablePack_EveryPlatform()
    {
        var natives = Select("-p:_IsPacking=true");

        Assert.Equal(
            new[]
            {
                "runtimes/linux-arm64/native/libonnxruntime.so",
                "runtimes/linux-x64/native/libonnxruntime.so",
                "runtimes/osx-arm64/native/libonnxruntime.dylib",
                "runtimes/win-arm64/native/DirectML.dll",
                "runtimes/win-arm64/native/onnxruntime.dll",
                "runtimes/win-x64/native/DirectML.dll",
                "runtimes/win-x64/native/onnxruntime.dll",
            },
            natives);
    }

    [Fact]
    public void Select_RidSpecificPack_OnlyThatRid()
    {
        var natives = Select("-p:_IsPacking=true", "-p:RuntimeIdentifier=osx-arm64");

        Assert.Equal(new[] { "runtimes/osx-arm64/native/libonnxruntime.dylib" }, natives);
    }

    [Fact]
    public void Select_PlainBuildOnThisMachine_TheHostsLibraryOnly()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return;
        }

        Assert.Equal(new[] { "runtimes/linux-x64/native/libonnxruntime.so" }, Select());
    }

    /// <summary>Runs the selection target and returns each chosen native as runtimes/&lt;rid&gt;/native/&lt;name&gt;, sorted.</summary>
    private static List<string> Select(params string[] properties)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", Project, "-nologo", "-nodeReuse:false", "-t:ModelAuditSelectOnnxRuntimeNatives", "-getItem:OrtNative" }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed ({process.ExitCode}): {stdout.Result}{stderr}");

        using var json = JsonDocument.Parse(stdout.Result);
        return json.RootElement.GetProperty("Items").GetProperty("OrtNative").EnumerateArray()
            .Select(i => $"runtimes/{i.GetProperty("Rid").GetString()}/native/{i.GetProperty("TargetName").GetString()}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
