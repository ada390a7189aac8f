using BenchmarkDotNet.Attributes;
using ModelAudit.Benchmarks.Models;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Analysis.Occlusion;
using ModelAudit.Core.Analysis.Saliency;
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

    /// <summary>Occlusion patch and stride: a 7x7 grid at 224, so 49 occluded copies per image.</summary>
    public const int OcclusionPatch = 32;

    public const int FilterCount = 64;
    public const int FilterSteps = 40;
    public const int FilterSide = 64;

    /// <summary>Filters optimized per batch: the product's default (<see cref="FilterAscentOptions.BatchSize"/>).</summary>
    public const int FilterBatch = 16;

    private SessionSettings settings = new();
    private PreparedModel? model;
    private GradientEngine? engine;
    private CamAnalyzer? cams;
    private SaliencyAnalyzer? saliency;
    private OcclusionAnalyzer? occlusion;
    private FilterVisualizer? filters;
    private FloatTensor? filterBatch;
    private GradientParts? inputGradientParts;
    private IReadOnlyList<(string Name, Image Image)> images = [];
    private string scoredValue = string.Empty;

    /// <summary>One ONNX Runtime intra-op thread without spinning (for ratios timed in CPU time); default all cores.</summary>
    public bool SingleThread { get; init; }

    /// <summary>Images per call: the batch of issue 3 §6; the memory probe also runs with 1.</summary>
    public int ImageCount { get; init; } = BatchSize;

    [GlobalSetup]
    public void Setup()
    {
        settings = SingleThread
            ? new SessionSettings { Device = ExecutionDevice.Cpu, IntraOpThreads = 1, AllowSpinning = false }
            : new SessionSettings { Device = ExecutionDevice.Cpu };
        model = PreparedModel.Open(BenchWorkspace.ModelPath, new PreprocessOverrides { Width = Side, Height = Side, Origin = "benchmark" }, settings);
        images = SyntheticImages.Batch(ImageCount, Side, Side);
        engine = new GradientEngine(model.Runner, settings);
        scoredValue = ScoreTarget.ValueFor(model.Runner.Model, model.Runner.Output.Name, ScoreKind.Logit);
        cams = new CamAnalyzer(model, settings);
        saliency = new SaliencyAnalyzer(model, settings);
        occlusion = new OcclusionAnalyzer(model, settings);
        filters = new FilterVisualizer(model, settings);
        var small = SyntheticImages.Batch(FilterBatch, FilterSide, FilterSide, seed: 64).Select(i => i.Image).ToList();
        var (data, shape, _) = Preprocessor.Batch(small, model.Spec with { Width = FilterSide, Height = FilterSide });
        filterBatch = new FloatTensor(data, shape);
    }

    /// <summary>Tensors the forward run of d logit / d input hands to the backward model (read by the report).</summary>
    public static (int Count, double MiB) ExposedForInputGradient { get; private set; }

    /// <summary>The baseline: preprocess the batch and run it once to the model's output.</summary>
    [Benchmark(Baseline = true, Description = "Plain inference")]
    public FloatTensor PlainInference() => Model.Runner.Run(Preprocessed())[0];

    /// <summary>The gradient engine alone: d logit / d last conv activation (what every gradient CAM needs).</summary>
    [Benchmark(Description = "Engine: d logit / d layer4")]
    public GradientResult LayerGradient() => Engine.Run(Preprocessed(), scoredValue, [ResNet18Model.LastConvLayer], GradientSeed.TopClass);

    /// <summary>The gradient engine alone: d logit / d input (what plain saliency needs).</summary>
    [Benchmark(Description = "Engine: d logit / d input")]
    public GradientResult InputGradient() => Engine.Run(Preprocessed(), scoredValue, [Model.Runner.Input.Name], GradientSeed.TopClass);

    [Benchmark(Description = "Grad-CAM (auto layer)")]
    public IReadOnlyList<CamResult> GradCam() => Cams.Compute(images, new CamRequest(CamMethod.GradCam, "auto", ClassChoice.Top, ScoreKind.Logit));

    [Benchmark(Description = "Saliency (gradient)")]
    public IReadOnlyList<SaliencyResult> Saliency() =>
        Analyzer(saliency).Compute(images, new SaliencyRequest(SaliencyMethod.Gradient, ClassChoice.Top, ScoreKind.Logit));

    /// <summary>One image only: Score-CAM runs one masked copy per channel of layer4 (512), so 8 images would take minutes.</summary>
    [Benchmark(Description = "Score-CAM, 1 image")]
    public IReadOnlyList<CamResult> ScoreCam() => Cams.Compute(images.Take(1).ToList(), new CamRequest(CamMethod.ScoreCam, "auto", ClassChoice.Top, ScoreKind.Logit));

    [Benchmark(Description = "Occlusion (patch 32, stride 32)")]
    public IReadOnlyList<OcclusionResult> Occlusion() =>
        Analyzer(occlusion).Compute(images, new OcclusionRequest(ClassChoice.Top, ScoreKind.Logit, Patch: OcclusionPatch, Stride: OcclusionPatch));

    [Benchmark(Description = "Filter patterns, 64 x 40 steps at 64x64")]
    public IReadOnlyList<FilterPattern> FilterPatterns() => Analyzer(filters).Layer(ResNet18Model.MiddleLayer,
        Enumerable.Range(0, FilterCount).ToList(), new FilterAscentOptions(FilterSide, Steps: FilterSteps, BatchSize: FilterBatch));

    /// <summary>What one ascent step's forward pass would cost without gradients: the same batch of 64x64 inputs.</summary>
    [Benchmark(Description = "Plain inference, 16 x 64x64")]
    public FloatTensor PlainInferenceFilterBatch() => Model.Runner.Run(Analyzer(filterBatch))[0];

    /// <summary>The forward half of d logit / d input alone: the model also returning what the backward model needs.</summary>
    [Benchmark(Description = "d input, forward half")]
    public IReadOnlyList<FloatTensor> InputGradientForward() => InputGradientParts.RunForward();

    /// <summary>The backward half of d logit / d input alone, fed with tensors kept from one forward run.</summary>
    [Benchmark(Description = "d input, backward half")]
    public IReadOnlyList<FloatTensor> InputGradientBackward() => InputGradientParts.RunBackward();

    [GlobalCleanup]
    public void Dispose()
    {
        inputGradientParts?.Dispose();
        inputGradientParts = null;
        cams?.Dispose();
        saliency?.Dispose();
        occlusion?.Dispose();
        filters?.Dispose();
        cams = null;
        saliency = null;
        occlusion = null;
        filters = null;
        engine?.Dispose();
        model?.Dispose();
        engine = null;
        model = null;
        GC.SuppressFinalize(this);
    }

    private PreparedModel Model => model ?? throw new InvalidOperationException("Setup has not run");

    private GradientEngine Engine => engine ?? throw new InvalidOperationException("Setup has not run");

    private CamAnalyzer Cams => Analyzer(cams);

    /// <summary>Opened on first use (the unmeasured first call), so only the two benchmarks that need it pay for it.</summary>
    private GradientParts InputGradientParts
    {
        get
        {
            if (inputGradientParts is null)
            {
                inputGradientParts = new GradientParts(Model.Runner, settings, Preprocessed(), scoredValue, Model.Runner.Input.Name);
                ExposedForInputGradient = inputGradientParts.Exposed;
            }

            return inputGradientParts;
        }
    }

    private static T Analyzer<T>(T? value)
        where T : class => value ?? throw new InvalidOperationException("Setup has not run");

    private FloatTensor Preprocessed()
    {
        var (data, shape, _) = Preprocessor.Batch(images.Select(i => i.Image).ToList(), Model.Spec);
        return new FloatTensor(data, shape);
    }
}
