using System.Runtime.InteropServices;
using ModelAudit.Runtime;

namespace ModelAudit.Benchmarks;

/// <summary>Where the figures came from, for the README next to them.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<(string Key, string Value)> Describe() =>
    [
        ("Logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("CPU", CpuModel()),
        ("RAM", Ram()),
        ("OS", RuntimeInformation.OSDescription),
        (".NET", RuntimeInformation.FrameworkDescription),
        ("ONNX Runtime", OrtVersion()),
        ("Load average (1/5/15 min)", LoadAverage()),
    ];

    public static string LoadAverage() => ReadProc("/proc/loadavg") is { } text
        ? string.Join(' ', text.Split(' ').Take(3))
        : "unknown";

    private static string CpuModel() => ReadProc("/proc/cpuinfo")?.Split('\n')
        .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string Ram()
    {
        var line = ReadProc("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        var bytes = kib > 0 ? kib * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return FormattableString.Invariant($"{bytes / (1024.0 * 1024 * 1024):F1} GiB");
    }

    private static string OrtVersion()
    {
        try
        {
            return OrtInfo.Version;
        }
        catch (OrtException e)
        {
            return "not loadable: " + e.Message;
        }
    }

    private static string? ReadProc(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
