using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ModelAudit.Benchmarks.Memory;

/// <summary>
/// Peak memory of one analysis call, each in a fresh process so no session, arena or pool from an earlier
/// call hides the cost. The child sets up the same benchmark class as the timings (model open, images
/// made), then measures the growth of the resident peak over one cold call: sessions the call creates,
/// ONNX Runtime's arena and managed buffers, all included.
/// </summary>
internal static class MemoryProbe
{
    private const string Marker = "memory-probe:";

    /// <summary>Child side: runs one benchmark method on <paramref name="images"/> images and prints the peak growth.</summary>
    public static int RunChild(string methodName, int images)
    {
        var method = typeof(AnalysisBenchmarks).GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"no benchmark method named '{methodName}'");
        using var bench = new AnalysisBenchmarks { ImageCount = images };
        bench.Setup();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = PeakMemory.Resident();
        PeakMemory.ResetPeak();
        method.Invoke(bench, null);
        var peak = PeakMemory.Peak();
        Console.WriteLine(FormattableString.Invariant($"{Marker} {before} {peak}"));
        return 0;
    }

    /// <summary>Parent side: the peak growth in bytes of one cold call of <paramref name="methodName"/> on <paramref name="images"/> images.</summary>
    public static long Measure(string methodName, int images)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        foreach (var argument in new[] { "--probe", methodName, images.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the memory probe");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"memory probe for {methodName} x{images} failed ({process.ExitCode}): {errors.Result.Trim()}");
        }

        var parts = line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture) - long.Parse(parts[0], CultureInfo.InvariantCulture);
    }
}
