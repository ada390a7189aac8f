using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// Filter patterns and class model visualization by gradient ascent in the model's input space: the
/// image that most excites a channel of a layer, or a class score, starting from seeded grey noise.
/// </summary>
public sealed class FilterVisualizer : IDisposable
{
    private readonly PreparedModel model;
    private readonly GradientEngine engine;

    public FilterVisualizer(PreparedModel model, SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        engine = new GradientEngine(model.Runner, settings);
    }

    /// <summary>The number of channels of a layer (a node or value name) for inputs of the ascent's size.</summary>
    public int LayerChannels(string layer, FilterAscentOptions options) =>
        UnitCount(Resolve(layer), options, out _, out _);

    /// <summary>The number of classes of the model's scored output.</summary>
    public int ClassCount(FilterAscentOptions options) => UnitCount(ClassValue(), options, out _, out _);

    /// <summary>
    /// Maximizes the border-cropped mean of each listed channel of <paramref name="layer"/>. When the layer is a
    /// ReLU (or a pooling of one) the ascent climbs the ReLU's input, see <see cref="ClimbedValue"/>; the
    /// patterns' objectives are still measured on the layer itself.
    /// </summary>
    /// <param name="progress">Receives the number of (filter, step) pairs done so far, out of filters x steps.</param>
    public IReadOnlyList<FilterPattern> Layer(string layer, IReadOnlyList<int> filters, FilterAscentOptions options, IProgress<int>? progress = null)
    {
        var value = Resolve(layer);
        return Ascend(value, Climbed(value), $"layer '{layer}'", "channels", filters, options, new AscentTarget.ChannelMean(), progress);
    }

    /// <summary>The value whose channel means the ascent raises for <paramref name="layer"/>: the pre-activation of a ReLU layer, else the layer's own value.</summary>
    public string ClimbedValue(string layer) => Climbed(Resolve(layer));

    /// <summary>Maximizes each listed class's logit (the input of a final Softmax, else the output itself).</summary>
    public IReadOnlyList<FilterPattern> Classes(IReadOnlyList<int> classes, FilterAscentOptions options, IProgress<int>? progress = null)
    {
        var value = ClassValue();
        return Ascend(value, value, $"output '{model.Runner.Output.Name}'", "classes", classes, options, new AscentTarget.ClassScore(), progress);
    }

    public void Dispose() => engine.Dispose();

    private string Resolve(string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return model.Runner.ResolveValue(layer);
    }

    private string Climbed(string value)
    {
        var climbed = PreActivation.For(model.Runner.Model.Graph, value);
        return climbed == model.Runner.Input.Name ? value : climbed;
    }

    private string ClassValue() => ScoreTarget.ValueFor(model.Runner.Model, model.Runner.Output.Name, ScoreKind.Logit);

    private IReadOnlyList<FilterPattern> Ascend(string value, string climbed, string what, string units, IReadOnlyList<int> indices,
        FilterAscentOptions options, AscentTarget target, IProgress<int>? progress)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(options);
        var count = UnitCount(value, options, out var spec, out var batch);
        foreach (var index in indices)
        {
            if (index < 0 || index >= count)
            {
                throw new ModelAuditException(
                    $"{model.Runner.Path}: {what} has {count} {units} (0-{count - 1}); {index} is out of range");
            }
        }

        if (model.Runner.Input.Shape[0] <= 0)
        {
            // A dynamic batch runs no more rows than there are units: a grey filler row costs as much as a real one
            // (the report's 8 filters ran in batches of 16, half of every step wasted).
            batch = Math.Clamp(indices.Count, 1, batch);
        }

        var space = new InputSpace(spec, model.Runner.Path);
        var ascent = new GradientAscent(model.Runner, engine, space, options, climbed, value, target, Preprocessor.Shape(spec, batch));
        var patterns = new List<FilterPattern>(indices.Count);
        var done = 0;
        foreach (var chunk in indices.Chunk(batch))
        {
            patterns.AddRange(ascent.Run(chunk, n =>
            {
                done += n;
                progress?.Report(done);
            }));
        }

        return patterns;
    }

    /// <summary>Validates the options, fixes the ascent's input spec and batch, and reads the value's unit count (axis 1).</summary>
    private int UnitCount(string value, FilterAscentOptions options, out PreprocessSpec spec, out int batch)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var runner = model.Runner;
        spec = AscentSpec(options);
        var fixedBatch = runner.Input.Shape[0];
        batch = fixedBatch > 0 ? (int)fixedBatch : options.BatchSize;
        var shapes = runner.ValueShapes(Preprocessor.Shape(spec, batch));
        if (!shapes.TryGetValue(value, out var shape) || value == runner.Input.Name)
        {
            throw new ModelAuditException($"{runner.Path}: '{value}' is not computed by a node of the model; pick a layer with --layer (see `modelaudit summary`)");
        }

        if (shape.Length < 2 || shape[1] < 1)
        {
            throw new ModelAuditException(
                $"{runner.Path}: '{value}' has shape [{string.Join(",", shape)}]; the ascent needs a batch axis and a channel (or class) axis");
        }

        return (int)shape[1];
    }

    /// <summary>The model's own spec, with a square <see cref="FilterAscentOptions.Size"/> when its image size is dynamic.</summary>
    private PreprocessSpec AscentSpec(FilterAscentOptions options)
    {
        var shape = model.Runner.Input.Shape;
        var (h, w) = model.Spec.Layout == TensorLayout.Nchw ? (shape[2], shape[3]) : (shape[1], shape[2]);
        return h > 0 && w > 0 ? model.Spec : model.Spec with { Width = options.Size, Height = options.Size };
    }
}
