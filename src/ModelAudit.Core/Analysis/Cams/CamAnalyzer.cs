using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Onnx.Autodiff.Precision;
using ModelAudit.Onnx.Editing;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Class activation maps for batches of images on one prepared model, with every method of
/// <see cref="CamMethod"/>. Gradient sessions, forward sessions and the edited Ablation-CAM model are built
/// once and reused across calls; dispose the analyzer to release them.
/// </summary>
public sealed class CamAnalyzer : IDisposable
{
    private readonly PreparedModel model;
    private readonly SessionSettings settings;
    private readonly Dictionary<string, string> layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CamSession> sessions = new(StringComparer.Ordinal);
    private readonly LayerHints hints;
    private LayerGridResolver? grids;
    private IReadOnlyList<string> wanted = [];
    private IReadOnlyList<string> exposed = [];

    /// <param name="hints">The layer's layout and token grid when the user gave them (<c>--layout-of-layer</c>, <c>--grid</c>).</param>
    public CamAnalyzer(PreparedModel model, SessionSettings settings, LayerHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        this.model = model;
        this.settings = settings;
        this.hints = hints ?? LayerHints.None;
    }

    private ModelRunner Runner => model.Runner;

    /// <summary>"auto" becomes the last feature map on the path to the output; a node or value name is checked and becomes a value name.</summary>
    public string ResolveLayer(string layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!layers.TryGetValue(layer, out var value))
        {
            value = LayerLocator.Resolve(Runner, layer, Runner.ValueShapes(model.InputShape(1)), Grids);
            layers[layer] = value;
        }

        return value;
    }

    /// <summary>The feature maps "auto" chooses among, in graph order with their grids (the last is "auto"); empty when there are none.</summary>
    public IReadOnlyList<(string Value, LayerGrid Grid)> FeatureMaps() =>
        LayerLocator.FeatureMaps(Runner, Runner.ValueShapes(model.InputShape(1)), Grids);

    /// <summary>How the resolved layer is read as a map: its layout, channels, grid and skipped leading tokens.</summary>
    public LayerGrid DescribeLayer(string layer)
    {
        var value = ResolveLayer(layer);
        return Grids.Resolve(Runner.Path, value, Runner.ValueShapes(model.InputShape(1))[value]);
    }

    /// <summary>
    /// Asks for these forward values (the audit's activation grids) from the pass that maps the images, so the batch
    /// that needs them does not run the model again in a session of their own. The sessions also output those whose
    /// output changes nothing else (<see cref="NeutralOutputs"/>); the layer the CAM reads comes back anyway. Call it
    /// before the first batch. Returns the values a batch will report; the caller computes the others itself.
    /// Nothing is exposed when <paramref name="method"/>'s session computes other values than the plain model (a
    /// quantized model's gradient session runs without its integer fusions).
    /// </summary>
    /// <param name="layer">The layer the requests name (the CAM reads it, so it comes back at no cost).</param>
    internal IReadOnlyList<string> Expose(IReadOnlyList<string> values, CamMethod method, string layer)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(layer);
        var quantized = GradientPrecisions.Of(Runner.Model).HasFlag(GradientPrecision.QuantizationStraightThrough);
        var can = !quantized && (!CamMethods.NeedsGradients(method) || model.Gradients.CanExpose);
        var read = ResolveLayer(layer);
        exposed = can ? values.Where(v => v != read && NeutralOutputs.Allows(Runner.Model.Graph, v)).ToList() : [];
        wanted = values.Where(v => exposed.Contains(v) || (can && v == read)).ToList();
        return wanted;
    }

    private LayerGridResolver Grids => grids ??= new LayerGridResolver(
        Runner.Model.Graph, Runner.ValueShapes(model.InputShape(1)), hints, model.Spec.Layout == TensorLayout.Nhwc);

    /// <summary>
    /// One map per image, in order. Images run <paramref name="batchSize"/> at a time; Score-CAM's masked
    /// copies and Ablation-CAM's ablated copies run in batches of the same size. <paramref name="progress"/>
    /// receives the number of images done.
    /// </summary>
    public IReadOnlyList<CamResult> Compute(IReadOnlyList<(string Name, Image Image)> images, CamRequest request,
        int batchSize = 8, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        batchSize = BatchLimit.For(Runner, batchSize);
        var results = new List<CamResult>(images.Count);
        var done = 0;
        for (var start = 0; start < images.Count; start += batchSize)
        {
            var chunk = images.Skip(start).Take(batchSize).ToList();
            var batch = new InputBatch(model.Spec, chunk.Count);
            foreach (var (name, image) in chunk)
            {
                batch.Add(name, image);
            }

            results.AddRange(Compute(batch, request, batchSize, () => progress?.Report(++done)));
        }

        return results;
    }

    /// <summary>
    /// One map per image of an already preprocessed batch (at most the model's batch limit). The audit fills the
    /// batch image by image as it decodes, so no batch of full-size pictures is ever held. <paramref name="imageDone"/>
    /// runs after each image's map (Score-CAM and Ablation-CAM spend most of their time per image). When
    /// <paramref name="exposedValues"/> is given it receives the batch's values of what <see cref="Expose"/> named, as far
    /// as the pass computed them (a model whose gradients run as two models returns none).
    /// </summary>
    internal IReadOnlyList<CamResult> Compute(InputBatch batch, CamRequest request, int batchSize, Action? imageDone = null,
        Action<IReadOnlyDictionary<string, FloatTensor>>? exposedValues = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(request);
        if (!batch.IsFull)
        {
            throw new ArgumentException($"the batch has {batch.Names.Count} of its {batch.Shape[0]} images; empty slots would be analysed too", nameof(batch));
        }

        var layer = ResolveLayer(request.Layer);
        var scoring = ScoringFor(request);
        var (data, shape, placements) = (batch.Data, batch.Shape, batch.Placements);
        var input = new FloatTensor(data, shape);
        var (activation, gradient, scored, targets) = Forward(request, layer, scoring, input, exposedValues);
        var grid = Grids.Resolve(Runner.Path, layer, activation.Shape);
        int channels = grid.Channels, height = grid.Height, width = grid.Width;
        var plane = grid.Plane;
        var results = new List<CamResult>(batch.Names.Count);
        for (var i = 0; i < batch.Names.Count; i++)
        {
            var a = grid.ChannelMajor(activation.Data.AsSpan(i * grid.PerImage, grid.PerImage));
            var image = data.AsSpan(i * batch.PerImage, batch.PerImage);
            var t = targets[i];
            var map = request.Method switch
            {
                CamMethod.EigenCam => EigenCam.Map(a, channels, plane),
                CamMethod.ScoreCam => new ScoreCam(SessionFor(layer, scoring.ScoredValue, ablation: false, grid), Runner.Input.Name, model.Spec, scoring, batchSize)
                    .Map(a, channels, width, height, image, t.Class),
                CamMethod.AblationCam => new AblationCam(SessionFor(layer, scoring.ScoredValue, ablation: true, grid), Runner.Input.Name, shape[1..], scoring, batchSize, grid)
                    .Map(a, channels, plane, image, t.Class, scoring.ScoreOf(scored, i, t.Class)),
                _ => GradientCams.For(request.Method).Map(a, grid.ChannelMajor(gradient!.Data.AsSpan(i * grid.PerImage, grid.PerImage)), channels, plane),
            };
            results.Add(new CamResult(batch.Names[i], t.Class, t.Label, t.Score, t.Probability, t.PredictedClass, t.PredictedProbability,
                layer, width, height, map, placements[i], grid.Layout, grid.SkippedTokens));
            imageDone?.Invoke();
        }

        return results;
    }

    /// <summary>Releases the CAM's own sessions; the gradient sessions belong to the prepared model.</summary>
    public void Dispose()
    {
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        sessions.Clear();
    }

    private (FloatTensor Activation, FloatTensor? Gradient, FloatTensor Scored, IReadOnlyList<CamTarget> Targets) Forward(
        CamRequest request, string layer, CamScoring scoring, FloatTensor input, Action<IReadOnlyDictionary<string, FloatTensor>>? exposedValues)
    {
        var fetch = exposedValues is not null && exposed.Count > 0;
        if (CamMethods.NeedsGradients(request.Method))
        {
            var scoredShape = Runner.ValueShapes(input.Shape)[scoring.ScoredValue];
            var result = model.Gradients.Run(input, scoring.ScoredValue, [layer], scoring.Seed(scoredShape), exposed, fetch);
            var scored = result.Values[scoring.ScoredValue];
            exposedValues?.Invoke(Exposed(result.Values));
            return (result.Values[layer], result.Gradients[layer], scored, scoring.Targets(scored));
        }

        var session = SessionFor(layer, scoring.ScoredValue, ablation: false, grid: null, alsoLayer: true);
        var outputs = fetch ? session.Outputs : session.Outputs.Take(2).ToList();
        var forward = session.Run(new Dictionary<string, FloatTensor> { [Runner.Input.Name] = input }, outputs);
        exposedValues?.Invoke(Exposed(outputs.Select((name, i) => (name, forward[i])).ToDictionary(p => p.name, p => p.Item2, StringComparer.Ordinal)));
        return (forward[0], null, forward[1], scoring.Targets(forward[1]));
    }

    private Dictionary<string, FloatTensor> Exposed(IReadOnlyDictionary<string, FloatTensor> values) =>
        wanted.Where(values.ContainsKey).ToDictionary(v => v, v => values[v], StringComparer.Ordinal);

    private CamScoring ScoringFor(CamRequest request)
    {
        var output = Runner.Output.Name;
        var scoredValue = request.Segmentation is null ? ScoreTarget.ValueFor(Runner.Model, output, request.Score) : output;
        var isProbability = ScoreValues.IsProbability(Runner.Model, scoredValue);
        return new CamScoring(request, scoredValue, isProbability, Runner.Path);
    }

    /// <summary>
    /// Sessions by purpose: the plain model returning (layer, score) or just the score, or the gated
    /// Ablation-CAM model returning the score.
    /// </summary>
    private CamSession SessionFor(string layer, string scoredValue, bool ablation, LayerGrid? grid, bool alsoLayer = false)
    {
        var key = $"{(ablation ? "ablation" : alsoLayer ? "forward" : "score")}\n{layer}\n{scoredValue}\n{(alsoLayer ? string.Join('\u001f', exposed) : "")}";
        if (!sessions.TryGetValue(key, out var session))
        {
            if (ablation)
            {
                OnnxModel gated;
                try
                {
                    gated = ValueMultiplier.Insert(Runner.Model, layer, AblationCam.GateInput, [null, .. grid!.GateShape(1)[1..].Select(d => (long?)d)]);
                }
                catch (OnnxFormatException e)
                {
                    throw new ModelAuditException($"Ablation-CAM cannot edit the model: {e.Message}", e);
                }

                session = CamSession.Open(gated, [scoredValue], Runner.Path, settings);
            }
            else
            {
                // The forward session's first two outputs are always (layer, score); exposed values follow, read when asked.
                IReadOnlyList<string> outputs = alsoLayer
                    ? [layer, scoredValue, .. exposed.Where(v => v != layer && v != scoredValue && v != Runner.Input.Name)]
                    : [scoredValue];
                session = CamSession.Open(Runner.Model, outputs, Runner.Path, settings);
            }

            sessions[key] = session;
        }

        return session;
    }
}
