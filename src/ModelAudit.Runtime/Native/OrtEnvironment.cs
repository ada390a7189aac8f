namespace ModelAudit.Runtime.Native;

/// <summary>
/// The one OrtEnv of the process (ORT allows a single live env). Created lazily at warning log level and never
/// released: sessions may outlive any owner we could pick, and ORT tears it down at process exit.
/// </summary>
internal static unsafe class OrtEnvironment
{
    private static readonly Lazy<OrtEnvHandle> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static OrtEnvHandle Handle => Shared.Value;

    private static OrtEnvHandle Create()
    {
        var api = OrtLibrary.Instance.Api;
        nint env;
        fixed (byte* logId = "ModelAudit"u8)
        {
            OrtStatus.Check(api.CreateEnv(OrtConstants.LoggingLevelWarning, logId, &env), "Creating the ONNX Runtime environment");
        }

        return new OrtEnvHandle(env);
    }
}
