using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Native;

/// <summary>
/// The one OrtEnv of the process, created before any session so that ONNX Runtime's log goes to
/// <see cref="OrtLog"/> instead of its own coloured lines on stderr. Never released: ORT tears it down at exit.
/// </summary>
internal static class OrtEnvironment
{
    private static readonly Lazy<Ort.OrtEnv> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    // ORT keeps a native pointer to this delegate for the life of the environment.
    private static readonly Ort.DOrtLoggingFunction Logger = OrtLog.Forward;

    public static Ort.OrtEnv Instance => Shared.Value;

    /// <summary>Loads the library and creates the environment (once); every facade entry point calls this first.</summary>
    public static void Ensure() => _ = Shared.Value;

    private static Ort.OrtEnv Create()
    {
        OrtLibrary.EnsureLoaded();
        try
        {
            var options = new Ort.EnvironmentCreationOptions
            {
                logId = "ModelAudit",
                logLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                loggingFunction = Logger,
            };
            return Ort.OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (Exception e) when (e is TypeInitializationException or EntryPointNotFoundException or DllNotFoundException)
        {
            // The managed API asks the native library for its own API version; an older library refuses.
            throw new OrtLibraryException(
                $"ONNX Runtime at {OrtLibrary.Path} cannot serve the managed API 1.30: {Innermost(e).Message} "
                + $"Use ONNX Runtime 1.30 or newer (unset {OrtLibraryLocator.PathVariable} to use the bundled 1.30.0).", e);
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
