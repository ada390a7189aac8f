using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ModelAudit.Benchmarks;
using ModelAudit.Benchmarks.Jpeg;
using ModelAudit.Benchmarks.Memory;
using ModelAudit.Benchmarks.Models;
using ModelAudit.Benchmarks.Reporting;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

try
{
    if (options.Fixtures is { } fixtures)
    {
        ProcessFixtures.Write(fixtures, Console.WriteLine);
        return 0;
    }

    if (options.Photos is { } photos)
    {
        AuditPhotos.Write(photos, Console.WriteLine);
        return 0;
    }

    if (options.Probe is { } probe)
    {
        return MemoryProbe.RunChild(probe.Method, probe.Images);
    }

    var machine = MachineInfo.Describe();
    var summaries = new List<Summary>();
    var notes = new List<string>();
    if (options.Analysis)
    {
        summaries.Add(BenchmarkRunner.Run<AnalysisBenchmarks>(BenchConfig.Analysis(options)));
        var (count, mib) = AnalysisBenchmarks.ExposedForInputGradient;
        notes.Add(FormattableString.Invariant($"d logit / d input: the forward run returns {count} tensors, {mib:0} MiB for the batch of {AnalysisBenchmarks.BatchSize}, which the backward run takes back in"));
    }

    if (options.Jpeg)
    {
        if (JpegFixtures.Unavailable is { } why)
        {
            notes.Add(why);
        }
        else
        {
            var withDjpeg = ExternalTool.Find("djpeg") is not null;
            if (!withDjpeg)
            {
                notes.Add("djpeg not found (apt-get install libjpeg-turbo-progs): the comparison with libjpeg-turbo is skipped");
            }

            summaries.Add(BenchmarkRunner.Run<JpegBenchmarks>(BenchConfig.Jpeg(options, withDjpeg)));
        }
    }

    IReadOnlyDictionary<string, double> interleaved = new Dictionary<string, double>();
    if (options.Analysis || options.GradientsOnly)
    {
        var pairs = options.Pairs > 0 ? options.Pairs : options.Dry ? 1 : options.Quick ? 3 : 7;
        interleaved = InterleavedRatios.Measure(options.GradientsOnly ? AnalysisRatios.Gradients : AnalysisRatios.All, pairs, options.SingleThread, Console.WriteLine);
        notes.Add($"interleaved ratios: median over {pairs} alternating pairs after one unmeasured call of each side"
            + (options.SingleThread ? ", one ONNX Runtime thread, timed in process CPU time" : string.Empty));
    }

    IReadOnlyList<MemoryFigure> memory = [];
    if (options.Memory)
    {
        memory = MemoryReport.Measure(AnalysisRatios.MemoryMethods, AnalysisBenchmarks.BatchSize, Console.WriteLine);
        if (!PeakMemory.CanResetPeak)
        {
            notes.Add("this OS cannot reset the peak resident size, so memory figures include each probe's start-up");
        }
    }

    notes.Add($"load average when the run ended: {MachineInfo.LoadAverage()}");
    var report = RatioReport.Render(machine, summaries, memory, options.GradientsOnly ? AnalysisRatios.Gradients : AnalysisRatios.All, interleaved, notes);
    Directory.CreateDirectory(options.ArtifactsPath);
    var file = Path.Combine(options.ArtifactsPath, "modelaudit-figures.md");
    File.WriteAllText(file, report);
    Console.WriteLine();
    Console.WriteLine(report);
    Console.WriteLine($"(written to {file})");
    return 0;
}
finally
{
    BenchWorkspace.Delete();
}
