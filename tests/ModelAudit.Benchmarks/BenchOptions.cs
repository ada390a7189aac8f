namespace ModelAudit.Benchmarks;

/// <summary>The suite's command line: which parts to run and how thoroughly.</summary>
internal sealed record BenchOptions
{
    public bool Quick { get; init; }

    /// <summary>Each benchmark once, no warm-up: checks that everything runs, measures nothing.</summary>
    public bool Dry { get; init; }

    public bool Analysis { get; init; } = true;

    public bool Jpeg { get; init; } = true;

    public bool Memory { get; init; } = true;

    /// <summary>Only the gradient ratios (Grad-CAM, saliency, the engine), interleaved, without BenchmarkDotNet: minutes, not tens of minutes.</summary>
    public bool GradientsOnly { get; init; }

    /// <summary>Set in a child process that measures one method's peak memory: (benchmark method, image count).</summary>
    public (string Method, int Images)? Probe { get; init; }

    /// <summary>Writes the model and 32 images for the whole-process harness (eng/bench) to this folder, and exits.</summary>
    public string? Fixtures { get; init; }

    /// <summary>Writes the model and 32 photo-like 4000x4000 JPEGs for eng/bench/audit-memory.sh to this folder, and exits.</summary>
    public string? Photos { get; init; }

    /// <summary>Interleaved pairs per ratio; 0 keeps the default (3 with --quick, 7 otherwise, 1 with --dry).</summary>
    public int Pairs { get; init; }

    /// <summary>
    /// Interleaved pairs on one intra-op thread without spinning, timed in process CPU time: other people's work on a
    /// shared machine stretches wall time, not the CPU time a run needs.
    /// </summary>
    public bool SingleThread { get; init; }

    public string ArtifactsPath { get; init; } = Path.Combine(Path.GetTempPath(), "modelaudit-bench-results");

    public const string Usage = """
        usage: ModelAudit.Benchmarks [--quick | --dry] [--only analysis|jpeg|memory|gradients] [--pairs N] [--single-thread] [--artifacts DIR] | --fixtures DIR | --photos DIR
          --quick        few iterations (the whole suite in about 10 minutes on 2 cores)
          --dry          every benchmark once without warm-up: a check that all of it runs, not a measurement
          --only PART    run one part: analysis (timings and ratios), jpeg (decoder vs djpeg), memory (peak per image),
                         gradients (the gradient ratios only, interleaved pairs, no BenchmarkDotNet)
          --pairs N      interleaved pairs per ratio (default 3 with --quick, else 7); the median is reported, so
                         10-15 pairs settle a ratio on a shared machine where 3 cannot
          --single-thread  interleaved pairs on one ONNX Runtime thread, timed in CPU time instead of wall time:
                         ratios that a loaded machine does not move (not the multi-threaded figures users see)
          --artifacts    where BenchmarkDotNet and the ratio table write their files
          --fixtures     write resnet18-random.onnx and images/*.png (32 pictures) for eng/bench/process-ratios.sh, and
                         audit/ (config and 24 pictures of 96x96) for eng/bench/audit-ratios.sh, then exit
          --photos       write resnet18-random.onnx and photos/*.jpg (32 photo-like 4000x4000 JPEGs, via cjpeg) for
                         eng/bench/audit-memory.sh, then exit (photos already there are kept)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--dry" => options with { Dry = true },
                "--only" => Only(options, Value(args, ++i, "--only")),
                "--fixtures" => options with { Fixtures = Path.GetFullPath(Value(args, ++i, "--fixtures")) },
                "--photos" => options with { Photos = Path.GetFullPath(Value(args, ++i, "--photos")) },
                "--pairs" => options with { Pairs = PositiveInt(Value(args, ++i, "--pairs"), "--pairs") },
                "--single-thread" => options with { SingleThread = true },
                "--artifacts" => options with { ArtifactsPath = Path.GetFullPath(Value(args, ++i, "--artifacts")) },
                "--probe" => options with { Probe = (Value(args, ++i, "--probe"), int.Parse(Value(args, ++i, "--probe"), System.Globalization.CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'\n{Usage}"),
            };
        }

        return options;
    }

    private static BenchOptions Only(BenchOptions options, string part) => part switch
    {
        "analysis" => options with { Analysis = true, Jpeg = false, Memory = false },
        "jpeg" => options with { Analysis = false, Jpeg = true, Memory = false },
        "memory" => options with { Analysis = false, Jpeg = false, Memory = true },
        "gradients" => options with { Analysis = false, Jpeg = false, Memory = false, GradientsOnly = true },
        _ => throw new ArgumentException($"--only takes analysis, jpeg, memory or gradients, not '{part}'"),
    };

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes a positive whole number, not '{text}'");

    private static string Value(IReadOnlyList<string> args, int index, string option) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{option} needs a value\n{Usage}");
}
