namespace ModelAudit.Runtime.Native;

/// <summary>The execution providers compiled into the loaded ONNX Runtime build (read once).</summary>
internal static class OrtProviders
{
    private static readonly Lazy<IReadOnlyList<string>> Shared = new(
        () => OrtCalls.Guard("Listing ONNX Runtime's execution providers", () => OrtEnvironment.Instance.GetAvailableProviders()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<string> Available => Shared.Value;
}
