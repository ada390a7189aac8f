using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Native;

/// <summary>
/// Finds and loads ONNX Runtime's native library for the managed API, once per process: runtimes/&lt;rid&gt;/native/
/// beside the app, then MODELAUDIT_ORT_PATH. Failing that, one <see cref="OrtLibraryException"/> lists every
/// place tried and what to do, before any ONNX Runtime type is touched.
/// </summary>
internal static class OrtLibrary
{
    private const string ImportName = "onnxruntime";

    private static readonly Lazy<(string Path, nint Handle)> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The file the native library was loaded from.</summary>
    public static string Path => Shared.Value.Path;

    /// <summary>Loads the library (or throws saying where it looked); every facade entry point calls this first.</summary>
    public static void EnsureLoaded() => _ = Shared.Value;

#pragma warning disable CA2255 // The resolver must be in place before the managed API's first P/Invoke, from any caller.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RegisterResolver()
    {
        // The managed package has a resolver of its own that knows neither our folders nor MODELAUDIT_ORT_PATH.
        Ort.OrtEnv.DisableDllImportResolver = true;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Ort.InferenceSession).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone registered first (a host embedding us); the runtime's default probing of runtimes/<rid>/native still applies.
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == ImportName ? Shared.Value.Handle : 0;

    private static (string Path, nint Handle) Load()
    {
        var os = HostOsDetector.Current;
        var variable = Environment.GetEnvironmentVariable(OrtLibraryLocator.PathVariable);
        var assemblyDir = System.IO.Path.GetDirectoryName(typeof(OrtLibrary).Assembly.Location) ?? string.Empty;
        var candidates = OrtLibraryLocator.Candidates(
            [assemblyDir, AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)],
            os, RuntimeInformation.ProcessArchitecture, variable, Directory.Exists);
        return Load(candidates, os, !string.IsNullOrWhiteSpace(variable));
    }

    /// <summary>Loads the first candidate that is ONNX Runtime; otherwise throws saying what was tried and why each failed.</summary>
    internal static (string Path, nint Handle) Load(IReadOnlyList<string> candidates, HostOs os, bool pathVariableSet)
    {
        var attempts = new List<string>();
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                attempts.Add($"{candidate}: not found");
                continue;
            }

            try
            {
                var handle = NativeLibrary.Load(candidate);
                if (NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out _))
                {
                    return (candidate, handle);
                }

                attempts.Add($"{candidate}: loaded, but it exports no OrtGetApiBase (not ONNX Runtime?)");
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                attempts.Add($"{candidate}: failed to load ({e.Message}){MissingDependencies(candidate, os)}");
            }
        }

        throw new OrtLibraryException(OrtLibraryLocator.NotFoundMessage(os, attempts, pathVariableSet));
    }

    // Windows names neither the missing dependency nor the fix ("The specified module could not be found").
    private static string MissingDependencies(string candidate, HostOs os)
    {
        if (os != HostOs.Windows)
        {
            return string.Empty;
        }

        var status = VisualCppRuntime.Check(candidate);
        return status.Missing.Count == 0 ? string.Empty : "; Visual C++ runtime " + VisualCppRuntime.Describe(status);
    }
}
