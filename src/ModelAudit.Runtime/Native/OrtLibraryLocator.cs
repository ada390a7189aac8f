using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>Where ONNX Runtime's native library may live, in the order it is tried. Pure: no file system access.</summary>
internal static class OrtLibraryLocator
{
    public const string PathVariable = "MODELAUDIT_ORT_PATH";

    /// <summary>The file names Microsoft.ML.OnnxRuntime.Managed's loader asks for (its DllImport name is "onnxruntime").</summary>
    public static string LibraryFileName(HostOs os) => os switch
    {
        HostOs.Windows => "onnxruntime.dll",
        HostOs.MacOs => "libonnxruntime.dylib",
        _ => "libonnxruntime.so",
    };

    public static string RuntimeIdentifier(HostOs os, Architecture architecture)
    {
        var osPart = os switch
        {
            HostOs.Windows => "win",
            HostOs.MacOs => "osx",
            _ => "linux",
        };
        return $"{osPart}-{architecture.ToString().ToLowerInvariant()}";
    }

    /// <param name="baseDirectories">Folders beside the assembly (duplicates are dropped).</param>
    /// <param name="pathVariable">Value of MODELAUDIT_ORT_PATH, a library file or a folder holding it; null when unset.</param>
    /// <param name="isDirectory">Tells a folder from a file for the variable's value.</param>
    public static IReadOnlyList<string> Candidates(
        IEnumerable<string> baseDirectories, HostOs os, Architecture architecture, string? pathVariable, Func<string, bool> isDirectory)
    {
        var file = LibraryFileName(os);
        var rid = RuntimeIdentifier(os, architecture);
        var candidates = new List<string>();
        foreach (var dir in baseDirectories.Where(d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.Ordinal))
        {
            candidates.Add(Path.Combine(dir, "runtimes", rid, "native", file));

            // A RID-specific publish (dotnet publish -r win-x64) flattens runtimes/<rid>/native/ into the app folder.
            candidates.Add(Path.Combine(dir, file));
        }

        if (!string.IsNullOrWhiteSpace(pathVariable))
        {
            var trimmed = pathVariable.Trim();
            candidates.Add(isDirectory(trimmed) ? Path.Combine(trimmed, file) : trimmed);
        }

        return candidates.Distinct(StringComparer.Ordinal).ToList();
    }

    public static string NotFoundMessage(HostOs os, IEnumerable<string> attempts, bool pathVariableSet)
    {
        var file = LibraryFileName(os);
        var lines = new List<string>
        {
            $"ONNX Runtime's native library ({file}) could not be loaded. Looked in:",
        };
        lines.AddRange(attempts.Select(a => "  " + a));
        if (!pathVariableSet)
        {
            lines.Add($"  {PathVariable}: not set");
        }

        lines.Add("Reinstall the tool or rebuild the repository (the build copies ONNX Runtime 1.30.0 from npm onnxruntime-node "
            + "into runtimes/<rid>/native/ beside the binaries, for the target platform), or set " + PathVariable
            + $" to the {file} file or the folder holding it.");
        return string.Join(Environment.NewLine, lines);
    }
}
