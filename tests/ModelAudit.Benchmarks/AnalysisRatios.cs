using ModelAudit.Benchmarks.Reporting;

namespace ModelAudit.Benchmarks;

/// <summary>The ratios issue 3 §6 asks for, over <see cref="AnalysisBenchmarks"/>' methods, and the methods whose memory is probed.</summary>
internal static class AnalysisRatios
{
    private const double Batch = AnalysisBenchmarks.BatchSize;

    public static IReadOnlyList<Ratio> All { get; } =
    [
        new("Engine d logit / d layer4 / plain inference", nameof(AnalysisBenchmarks.LayerGradient), 1, nameof(AnalysisBenchmarks.PlainInference), 1,
            Note: "gradient engine alone: forward with the layer exposed + backward through the head"),
        new("Engine d logit / d input / plain inference", nameof(AnalysisBenchmarks.InputGradient), 1, nameof(AnalysisBenchmarks.PlainInference), 1,
            Note: "gradient engine alone: forward + backward through the whole network"),
    ];

    public static IReadOnlyList<(string Method, string Description)> MemoryMethods { get; } =
    [
        (nameof(AnalysisBenchmarks.PlainInference), "Plain inference"),
        (nameof(AnalysisBenchmarks.LayerGradient), "Engine: d logit / d layer4"),
        (nameof(AnalysisBenchmarks.InputGradient), "Engine: d logit / d input"),
    ];
}
