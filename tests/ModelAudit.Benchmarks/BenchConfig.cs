using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelAudit.Benchmarks;

/// <summary>
/// One job per suite. Benchmarks run in-process: the suite needs the ONNX Runtime natives beside the host
/// and a model written at start-up, and one analysis call lasts from tenths of a second to many seconds,
/// so the separate-process harness would add only build time, not precision.
/// </summary>
internal static class BenchConfig
{
    /// <summary>Analyses: one call per iteration (each is long); quick = 1 warm-up and 3 measured calls.</summary>
    public static IConfig Analysis(BenchOptions options) => Create(options, options.Dry ? Job.Dry : Job.Default
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithWarmupCount(options.Quick ? 1 : 2)
        .WithIterationCount(options.Quick ? 3 : 8));

    /// <summary>JPEG decoding takes milliseconds: let the pilot pick the call count, with few iterations in quick mode.</summary>
    public static IConfig Jpeg(BenchOptions options, bool withDjpeg)
    {
        var job = options.Dry ? Job.Dry
            : options.Quick ? Job.Default.WithWarmupCount(2).WithIterationCount(5)
            : Job.Default.WithIterationCount(15);
        var config = Create(options, job);
        return withDjpeg ? config : config.AddFilter(new SimpleFilter(c => !IsDjpeg(c)));
    }

    public static bool IsDjpeg(BenchmarkCase benchmark) =>
        benchmark.Descriptor.WorkloadMethod.Name.StartsWith("Djpeg", StringComparison.Ordinal);

    private static ManualConfig Create(BenchOptions options, Job job)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithId(options.Dry ? "Dry" : options.Quick ? "Quick" : "Full"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(options.ArtifactsPath)
            .WithOptions(ConfigOptions.JoinSummary);
        return config;
    }
}
