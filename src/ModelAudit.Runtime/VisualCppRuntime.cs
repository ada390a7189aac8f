using System.Runtime.InteropServices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime;

/// <param name="Required">The Visual C++ runtime DLLs the library imports (empty when not on Windows).</param>
/// <param name="Missing">Those Windows could not load.</param>
/// <param name="Problem">Why the check itself could not be made, or null.</param>
public sealed record VisualCppRuntimeStatus(IReadOnlyList<string> Required, IReadOnlyList<string> Missing, string? Problem)
{
    public bool Ok => Problem is null && Missing.Count == 0;
}

/// <summary>
/// ONNX Runtime's Windows build imports the Visual C++ runtime (MSVCP140.dll, VCRUNTIME140.dll, ...), which
/// .NET does not ship and a self-contained publish does not carry. Without it Windows says only "the specified
/// module could not be found"; this check reads the DLLs the library imports and says which are missing and
/// where the redistributable is.
/// </summary>
public static class VisualCppRuntime
{
    /// <summary>What `doctor` and a failed load say about the library at <paramref name="libraryPath"/>.</summary>
    public static VisualCppRuntimeStatus Check(string libraryPath) =>
        HostOsDetector.Current == HostOs.Windows
            ? Check(libraryPath, CanLoad)
            : new VisualCppRuntimeStatus([], [], null);

    /// <summary>One line for people: found, missing (and the fix), or not needed on this system.</summary>
    public static string Describe(VisualCppRuntimeStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Problem is not null)
        {
            return $"not checked: {status.Problem}";
        }

        if (status.Required.Count == 0)
        {
            return HostOsDetector.Current == HostOs.Windows ? "not needed by this ONNX Runtime library" : "not needed on this system";
        }

        return status.Missing.Count == 0
            ? $"found ({string.Join(", ", status.Required)})"
            : $"missing {string.Join(", ", status.Missing)}: install the Microsoft Visual C++ Redistributable 2015-2022 ({Architecture()}) from {RedistributableUrl()}";
    }

    /// <param name="canLoad">Whether Windows can load a DLL by name (the seam tests use).</param>
    internal static VisualCppRuntimeStatus Check(string libraryPath, Func<string, bool> canLoad)
    {
        IReadOnlyList<string> imports;
        try
        {
            imports = PeImports.Read(libraryPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new VisualCppRuntimeStatus([], [], $"cannot read the imports of {libraryPath}: {e.Message}");
        }

        var required = imports.Where(IsVisualCppRuntime).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new VisualCppRuntimeStatus(required, required.Where(dll => !canLoad(dll)).ToList(), null);
    }

    /// <summary>The C++ standard library, the compiler runtime and the concurrency runtime; the Universal CRT (api-ms-win-crt-*) is part of Windows 10 and later.</summary>
    internal static bool IsVisualCppRuntime(string dll) =>
        dll.StartsWith("msvcp", StringComparison.OrdinalIgnoreCase)
        || dll.StartsWith("vcruntime", StringComparison.OrdinalIgnoreCase)
        || dll.StartsWith("concrt", StringComparison.OrdinalIgnoreCase)
        || dll.StartsWith("vcomp", StringComparison.OrdinalIgnoreCase);

    private static bool CanLoad(string dll)
    {
        if (!NativeLibrary.TryLoad(dll, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    private static string Architecture() => RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64";

    private static string RedistributableUrl() => $"https://aka.ms/vs/17/release/vc_redist.{Architecture()}.exe";
}
