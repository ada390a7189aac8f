namespace ModelAudit.Runtime.Native;

/// <summary>The CPU memory description under which managed arrays are lent to ONNX Runtime as tensors.</summary>
internal static unsafe class OrtCpuMemory
{
    private static readonly Lazy<OrtMemoryInfoHandle> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static OrtMemoryInfoHandle Info => Shared.Value;

    private static OrtMemoryInfoHandle Create()
    {
        nint info;
        OrtStatus.Check(
            OrtLibrary.Instance.Api.CreateCpuMemoryInfo(OrtConstants.ArenaAllocator, OrtConstants.MemTypeDefault, &info),
            "Creating the CPU memory description");
        return new OrtMemoryInfoHandle(info);
    }
}
