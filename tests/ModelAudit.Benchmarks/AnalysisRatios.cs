using ModelAudit.Benchmarks.Reporting;

namespace ModelAudit.Benchmarks;

/// <summary>The ratios issue 3 §6 asks for, over <see cref="AnalysisBenchmarks"/>' methods, and the methods whose memory is probed.</summary>
internal static class AnalysisRatios
{
    private const double Batch = AnalysisBenchmarks.BatchSize;

    private const double FilterBatchSteps = AnalysisBenchmarks.FilterCount / AnalysisBenchmarks.FilterBatch * AnalysisBenchmarks.FilterSteps;

    public static IReadOnlyList<Ratio> All { get; } =
    [
        GradCamRatio,
        SaliencyRatio,
        new("Score-CAM / Grad-CAM, per image", nameof(AnalysisBenchmarks.ScoreCam), 1, nameof(AnalysisBenchmarks.GradCam), Batch,
            Note: "Score-CAM measured on 1 image (512 masked copies), Grad-CAM on 8"),
        new("Occlusion / Grad-CAM", nameof(AnalysisBenchmarks.Occlusion), 1, nameof(AnalysisBenchmarks.GradCam), 1,
            Note: "patch 32, stride 32: 49 occluded copies per image"),
        new("Filter ascent step / plain inference of the same batch", nameof(AnalysisBenchmarks.FilterPatterns), FilterBatchSteps,
            nameof(AnalysisBenchmarks.PlainInferenceFilterBatch), 1,
            Note: "one step = forward + backward to the input for 16 filters at 64x64 (layer2, 4 batches x 40 steps)"),
        LayerGradientRatio,
        InputGradientRatio,
        new("d input forward half / plain inference", nameof(AnalysisBenchmarks.InputGradientForward), 1, nameof(AnalysisBenchmarks.PlainInference), 1,
            Note: "two-model form (opset < 13 models): the model exposing every tensor the backward model reads, copied out"),
        new("d input backward half / plain inference", nameof(AnalysisBenchmarks.InputGradientBackward), 1, nameof(AnalysisBenchmarks.PlainInference), 1,
            Note: "two-model form: the backward model alone (opset 17, standard operators)"),
    ];

    /// <summary>The ratios `--only gradients` measures: issue 9's library-level goals and the engine alone.</summary>
    public static IReadOnlyList<Ratio> Gradients { get; } = [GradCamRatio, SaliencyRatio, LayerGradientRatio, InputGradientRatio];

    private static Ratio GradCamRatio => new("Grad-CAM / plain inference", nameof(AnalysisBenchmarks.GradCam), 1, nameof(AnalysisBenchmarks.PlainInference), 1,
        Goal: 1.10, Note: "one fused session (forward + backward to layer4, top class chosen in the graph)");

    private static Ratio SaliencyRatio => new("Saliency / plain inference", nameof(AnalysisBenchmarks.Saliency), 1, nameof(AnalysisBenchmarks.PlainInference), 1,
        Goal: 2.0, Note: "one fused session (forward + backward to the input)");

    private static Ratio LayerGradientRatio => new("Engine d logit / d layer4 / plain inference", nameof(AnalysisBenchmarks.LayerGradient), 1,
        nameof(AnalysisBenchmarks.PlainInference), 1, Note: "gradient engine alone, fused: scored value, layer and its gradient come back");

    private static Ratio InputGradientRatio => new("Engine d logit / d input / plain inference", nameof(AnalysisBenchmarks.InputGradient), 1,
        nameof(AnalysisBenchmarks.PlainInference), 1, Note: "gradient engine alone, fused: forward + backward through the whole network");

    public static IReadOnlyList<(string Method, string Description)> MemoryMethods { get; } =
    [
        (nameof(AnalysisBenchmarks.PlainInference), "Plain inference"),
        (nameof(AnalysisBenchmarks.LayerGradient), "Engine: d logit / d layer4"),
        (nameof(AnalysisBenchmarks.InputGradient), "Engine: d logit / d input"),
        (nameof(AnalysisBenchmarks.GradCam), "Grad-CAM"),
        (nameof(AnalysisBenchmarks.Saliency), "Saliency (gradient)"),
        (nameof(AnalysisBenchmarks.Occlusion), "Occlusion (patch 32, stride 32)"),
    ];
}
