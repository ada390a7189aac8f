using System.Runtime.InteropServices;

namespace ModelAudit.Runtime.Native;

/// <summary>ORT's default CPU allocator: strings that ORT hands out through it must be freed through it.</summary>
internal static unsafe class OrtAllocator
{
    private static readonly Lazy<nint> Default = new(Get, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Owned by ORT for the life of the process; never released.</summary>
    public static nint Handle => Default.Value;

    /// <summary>Copies an allocator-owned UTF-8 string and frees it.</summary>
    public static string? TakeString(byte* value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value);
        }
        finally
        {
            Free(value);
        }
    }

    public static void Free(void* value)
    {
        if (value is not null)
        {
            OrtStatus.Check(OrtLibrary.Instance.Api.AllocatorFree(Handle, value), "Freeing ONNX Runtime memory");
        }
    }

    private static nint Get()
    {
        nint allocator;
        OrtStatus.Check(OrtLibrary.Instance.Api.GetAllocatorWithDefaultOptions(&allocator), "Getting ONNX Runtime's default allocator");
        return allocator;
    }
}
