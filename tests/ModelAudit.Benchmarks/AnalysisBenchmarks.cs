using BenchmarkDotNet.Attributes;
using ModelAudit.Benchmarks.Models;
using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;

namespace ModelAudit.Benchmarks;

/// <summary>
/// Issue 3 §6: every analysis on the ResNet-18-shaped model, 224x224, batch 8, CPU, against plain inference
/// measured in the same run. Each method goes through the product's own entry point, preprocessing included.
/// </summary>
public class AnalysisBenchmarks : IDisposable
{
    public const int BatchSize = 8;
    public const int Side = 224;

    private SessionSettings settings = new();
    private PreparedModel? model;
    private GradientEngine? engine;
    private IReadOnlyList<(string Name, Image Image)> images = [];
    private string scoredValue = string.Empty;

    /// <summary>Images per call: the batch of issue 3 §6; the memory probe also runs with 1.</summary>
    public int ImageCount { get; init; } = BatchSize;

    [GlobalSetup]
    public void Setup()
    {
        settings = new SessionSettings { Device = ExecutionDevice.Cpu };
        model = PreparedModel.Open(BenchWorkspace.ModelPath, new PreprocessOverrides { Width = Side, Height = Side, Origin = "benchmark" }, settings);
        images = SyntheticImages.Batch(ImageCount, Side, Side);
        engine = new GradientEngine(model.Runner, settings);
        scoredValue = ScoreTarget.ValueFor(model.Runner.Model, model.Runner.Output.Name, ScoreKind.Logit);
    }

    /// <summary>The baseline: preprocess the batch and run it once to the model's output.</summary>
    [Benchmark(Baseline = true, Description = "Plain inference")]
    public FloatTensor PlainInference() => Model.Runner.Run(Preprocessed())[0];

    /// <summary>The gradient engine alone: d logit / d last conv activation (what every gradient CAM needs).</summary>
    [Benchmark(Description = "Engine: d logit / d layer4")]
    public GradientResult LayerGradient() => Engine.Run(Preprocessed(), scoredValue, [ResNet18Model.LastConvLayer], TopClassSeed);

    /// <summary>The gradient engine alone: d logit / d input (what plain saliency needs).</summary>
    [Benchmark(Description = "Engine: d logit / d input")]
    public GradientResult InputGradient() => Engine.Run(Preprocessed(), scoredValue, [Model.Runner.Input.Name], TopClassSeed);

    [GlobalCleanup]
    public void Dispose()
    {
        engine?.Dispose();
        model?.Dispose();
        engine = null;
        model = null;
        GC.SuppressFinalize(this);
    }

    private PreparedModel Model => model ?? throw new InvalidOperationException("Setup has not run");

    private GradientEngine Engine => engine ?? throw new InvalidOperationException("Setup has not run");

    private FloatTensor Preprocessed()
    {
        var (data, shape, _) = Preprocessor.Batch(images.Select(i => i.Image).ToList(), Model.Spec);
        return new FloatTensor(data, shape);
    }

    private static float[] TopClassSeed(FloatTensor scores)
    {
        var classes = ScoreTarget.Rows(scores.Data, scores.Shape).Select(row => ClassChoice.Top.Resolve(row, null)).ToList();
        return ScoreTarget.OneHotSeed(scores.Shape, classes);
    }
}
