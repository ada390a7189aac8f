using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>The loaded native library and its API table, created once per process on first use.</summary>
internal sealed unsafe class OrtLibrary
{
    private static readonly Lazy<OrtLibrary> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private OrtLibrary(string path, OrtApi api, string version)
    {
        Path = path;
        Api = api;
        Version = version;
    }

    public static OrtLibrary Instance => Shared.Value;

    public string Path { get; }

    public OrtApi Api { get; }

    public string Version { get; }

    private static OrtLibrary Load()
    {
        var os = HostOsDetector.Current;
        var variable = Environment.GetEnvironmentVariable(OrtLibraryLocator.PathVariable);
        var assemblyDir = System.IO.Path.GetDirectoryName(typeof(OrtLibrary).Assembly.Location) ?? string.Empty;
        var candidates = OrtLibraryLocator.Candidates(
            [assemblyDir, AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)],
            os, RuntimeInformation.ProcessArchitecture, variable, Directory.Exists);

        var (path, getApiBase) = Resolve(candidates, os, !string.IsNullOrWhiteSpace(variable));
        return FromEntryPoint(path, getApiBase);
    }

    /// <summary>Loads the first candidate that is ONNX Runtime; otherwise throws saying what was tried and why each failed.</summary>
    internal static (string Path, nint GetApiBase) Resolve(IReadOnlyList<string> candidates, HostOs os, bool pathVariableSet)
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
                if (NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBase))
                {
                    return (candidate, getApiBase);
                }

                attempts.Add($"{candidate}: loaded, but it exports no OrtGetApiBase (not ONNX Runtime?)");
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                attempts.Add($"{candidate}: failed to load ({e.Message})");
            }
        }

        throw new OrtException(OrtErrorCode.NoSuchFile, OrtLibraryLocator.NotFoundMessage(os, attempts, pathVariableSet));
    }

    private static OrtLibrary FromEntryPoint(string path, nint getApiBase)
    {
        // OrtApiBase is { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }.
        var apiBase = ((delegate* unmanaged[Cdecl]<nint*>)getApiBase)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
        var table = getApi(OrtConstants.MinimumApiVersion);
        if (table is null)
        {
            throw new OrtException(
                OrtErrorCode.NotImplemented,
                $"ONNX Runtime {version} at {path} does not offer API version {OrtConstants.MinimumApiVersion}; "
                + "ModelAudit needs ONNX Runtime 1.15 or newer (it ships with 1.30.0).");
        }

        return new OrtLibrary(path, new OrtApi(table), version);
    }
}
