using System.Runtime.InteropServices;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// Hands freed native heap memory back to the system (glibc's malloc_trim). glibc keeps what ONNX Runtime and the
/// runtime free between batches, fragmented and resident: over 32 photos it grew the process by about 40 MB a batch
/// (eng/bench/audit-memory.sh), so the audit's peak grew with the number of batches. A no-op where there is no glibc.
/// </summary>
internal static partial class NativeHeap
{
    // Cleared after the first failure: musl (Alpine) has no malloc_trim, and a missing entry point stays missing.
    private static bool available = OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (!available)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            available = false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
