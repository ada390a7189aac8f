using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using ModelAudit.Benchmarks.Jpeg;
using ModelAudit.Benchmarks.Memory;

namespace ModelAudit.Benchmarks.Reporting;

/// <summary>
/// The figures the README quotes, as Markdown: the ratios of issue 3 §6 (all from one run), JPEG throughput
/// beside djpeg, and peak memory per image. Benchmarks that did not run are left out, not guessed.
/// </summary>
internal static class RatioReport
{
    public static string Render(IReadOnlyList<(string Key, string Value)> machine, IReadOnlyList<Summary> summaries,
        IReadOnlyList<MemoryFigure> memory, IReadOnlyList<Ratio> ratios, IReadOnlyDictionary<string, double> interleaved,
        IReadOnlyList<string> notes)
    {
        var means = Means(summaries);
        var text = new StringBuilder();
        text.AppendLine("### Machine").AppendLine();
        foreach (var (key, value) in machine)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        AppendTimes(text, means);
        AppendRatios(text, means, ratios, interleaved);
        AppendJpeg(text, summaries);
        AppendMemory(text, memory);
        if (notes.Count > 0)
        {
            text.AppendLine().AppendLine("### Notes").AppendLine();
            foreach (var note in notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    private static Dictionary<string, (string Description, double Nanoseconds)> Means(IReadOnlyList<Summary> summaries) =>
        summaries.SelectMany(s => s.Reports)
            .Where(r => r.ResultStatistics is not null && !r.BenchmarkCase.HasParameters)
            .ToDictionary(
                r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                r => (r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo, r.ResultStatistics!.Mean),
                StringComparer.Ordinal);

    private static void AppendTimes(StringBuilder text, Dictionary<string, (string Description, double Nanoseconds)> means)
    {
        if (means.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("### Times (mean of one call)").AppendLine();
        text.AppendLine("| Benchmark | Mean |").AppendLine("|---|---:|");
        foreach (var (_, (description, ns)) in means)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {description.Trim('\'')} | {Duration(ns)} |");
        }
    }

    /// <summary>Goals are judged on the interleaved median when there is one: it is the figure load changes disturb least.</summary>
    private static void AppendRatios(StringBuilder text, Dictionary<string, (string Description, double Nanoseconds)> means,
        IReadOnlyList<Ratio> ratios, IReadOnlyDictionary<string, double> interleaved)
    {
        var measured = ratios.Where(r => (means.ContainsKey(r.Numerator) && means.ContainsKey(r.Denominator)) || interleaved.ContainsKey(r.Title)).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine("### Ratios (same run)").AppendLine();
        text.AppendLine("| Ratio | Interleaved pairs (median) | BenchmarkDotNet means | Goal | Met | Note |").AppendLine("|---|---:|---:|---:|:---:|---|");
        foreach (var ratio in measured)
        {
            double? fromMeans = means.TryGetValue(ratio.Numerator, out var n) && means.TryGetValue(ratio.Denominator, out var d)
                ? (n.Nanoseconds / ratio.NumeratorUnits) / (d.Nanoseconds / ratio.DenominatorUnits)
                : null;
            double? paired = interleaved.TryGetValue(ratio.Title, out var p) ? p : null;
            var judged = paired ?? fromMeans!.Value;
            var goal = ratio.Goal is { } g ? "<= " + g.ToString("0.00", CultureInfo.InvariantCulture) : "-";
            var met = ratio.Goal is { } bound ? (judged <= bound ? "yes" : "**no**") : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {ratio.Title} | {Format(paired)} | {Format(fromMeans)} | {goal} | {met} | {ratio.Note ?? string.Empty} |");
        }
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static void AppendJpeg(StringBuilder text, IReadOnlyList<Summary> summaries)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null && r.BenchmarkCase.HasParameters).ToList();
        if (reports.Count == 0)
        {
            return;
        }

        const double megapixels = JpegFixtures.Width * JpegFixtures.Height / 1e6;
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"### JPEG decoding, {JpegFixtures.Width}x{JpegFixtures.Height} (cjpeg -quality 90, 4:2:0)").AppendLine();
        text.AppendLine("| File | ModelAudit | djpeg (start-up subtracted) | ModelAudit / djpeg throughput |").AppendLine("|---|---:|---:|---:|");
        foreach (var kind in reports.GroupBy(r => (string)r.BenchmarkCase.Parameters["Kind"]))
        {
            double? Mean(string method) => kind.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics!.Mean;
            var ours = Mean(nameof(JpegBenchmarks.ModelAuditDecoder));
            var djpeg = Mean(nameof(JpegBenchmarks.Djpeg)) - Mean(nameof(JpegBenchmarks.DjpegStartup));
            var oursText = ours is { } o ? Throughput(megapixels, o) : "-";
            var djpegText = djpeg is { } d ? Throughput(megapixels, d) : "djpeg not found: skipped";
            var ratio = ours is { } a && djpeg is { } b ? (b / a).ToString("0.00", CultureInfo.InvariantCulture) : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kind.Key} | {oursText} | {djpegText} | {ratio} |");
        }
    }

    private static void AppendMemory(StringBuilder text, IReadOnlyList<MemoryFigure> memory)
    {
        if (memory.Count == 0)
        {
            return;
        }

        var batch = memory[0].BatchSize;
        text.AppendLine().AppendLine("### Peak memory (resident set growth over one cold call, fresh process each)").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Method | 1 image | {batch} images | Per extra image | {batch}-image call / {batch} |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var m in memory)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Description} | {Mib(m.One)} | {Mib(m.Batch)} | {Mib(m.MarginalPerImage)} | {Mib(m.AveragePerImage)} |");
        }
    }

    private static string Throughput(double megapixels, double nanoseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{megapixels / (nanoseconds / 1e9):0.0} MP/s ({nanoseconds / 1e6:0.0} ms)");

    private static string Mib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0} MiB");

    internal static string Duration(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e9:0.00} s"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:0.0} us"),
    };
}
