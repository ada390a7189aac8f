using System.Diagnostics;
using System.Reflection;

namespace ModelAudit.Benchmarks.Reporting;

/// <summary>
/// The same ratios measured a second way: numerator and denominator called alternately, the median of the
/// per-pair ratios kept. BenchmarkDotNet measures one benchmark after another, so on a shared machine a
/// change of load between two benchmarks shifts their ratio; alternating pairs see the same load.
/// </summary>
internal static class InterleavedRatios
{
    /// <param name="singleThread">One intra-op thread, each call timed in process CPU time instead of wall time.</param>
    public static IReadOnlyDictionary<string, double> Measure(IReadOnlyList<Ratio> ratios, int pairs, bool singleThread, Action<string> log)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        using var bench = new AnalysisBenchmarks { SingleThread = singleThread };
        bench.Setup();
        foreach (var ratio in ratios)
        {
            log($"interleaved: {ratio.Title} ({pairs} pairs)");
            var numerator = Method(ratio.Numerator);
            var denominator = Method(ratio.Denominator);
            // The first calls open sessions and build plans: not part of any pair.
            Time(bench, numerator, singleThread);
            Time(bench, denominator, singleThread);
            var values = new List<double>(pairs);
            for (var i = 0; i < pairs; i++)
            {
                var d = Time(bench, denominator, singleThread) / ratio.DenominatorUnits;
                var n = Time(bench, numerator, singleThread) / ratio.NumeratorUnits;
                values.Add(n / d);
            }

            values.Sort();
            medians[ratio.Title] = values[values.Count / 2];
            // The spread says whether the median can be trusted: on a loaded machine single pairs swing by 20 % and more.
            log(FormattableString.Invariant($"  median {values[values.Count / 2]:0.00}, pairs from {values[0]:0.00} to {values[^1]:0.00}"));
        }

        return medians;
    }

    private static MethodInfo Method(string name) =>
        typeof(AnalysisBenchmarks).GetMethod(name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new ArgumentException($"no benchmark method named '{name}'");

    private static double Time(AnalysisBenchmarks bench, MethodInfo method, bool cpuTime)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        method.Invoke(bench, null);
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return cpuTime ? (process.TotalProcessorTime - cpu).TotalMilliseconds : wall;
    }
}
