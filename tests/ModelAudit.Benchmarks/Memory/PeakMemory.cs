using System.Diagnostics;
using System.Globalization;

namespace ModelAudit.Benchmarks.Memory;

/// <summary>
/// Resident memory of this process, managed and native together (ONNX Runtime's buffers are native, so the
/// GC's numbers alone would miss most of it). On Linux the peak can be reset to the current size by writing
/// 5 to /proc/self/clear_refs, which lets one process measure a single call's peak.
/// </summary>
internal static class PeakMemory
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    public static bool CanResetPeak => File.Exists(ClearRefs);

    public static long Resident() => StatusValue("VmRSS:") ?? Current().WorkingSet64;

    public static long Peak() => StatusValue("VmHWM:") ?? Current().PeakWorkingSet64;

    /// <summary>Makes the peak equal to the current size; without support the peak includes start-up (said in the report).</summary>
    public static void ResetPeak()
    {
        if (CanResetPeak)
        {
            File.WriteAllText(ClearRefs, "5");
        }
    }

    private static Process Current()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        return process;
    }

    private static long? StatusValue(string key)
    {
        if (!File.Exists(Status))
        {
            return null;
        }

        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
