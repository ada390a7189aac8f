using ModelAudit.Onnx.Autodiff.Fused;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Gradients;

/// <summary>
/// One fused gradient model opened in one session: a Run feeds the image batch (and the class indices or the
/// seed when the seed is fed) and reads back only the scored value, the requested activations and the gradients.
/// </summary>
internal sealed class FusedGradients : IDisposable
{
    private readonly FusedGradientModel model;
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly string modelPath;
    private readonly IReadOnlyList<string> withRespectTo;
    private readonly List<string> requested;
    private readonly List<string> exposed;
    private readonly List<string> outputs;
    private readonly List<string> outputsAndExposed;

    /// <param name="exposed">Forward values the model also outputs (<see cref="FusedGradientBuilder.Build"/>'s alsoOutput), read only by runs that ask.</param>
    public FusedGradients(FusedGradientModel model, InferenceSession session, string inputName, string modelPath, IReadOnlyList<string> withRespectTo,
        IReadOnlyList<string> exposed)
    {
        this.model = model;
        this.session = session;
        this.inputName = inputName;
        this.modelPath = modelPath;
        this.withRespectTo = withRespectTo;
        requested = model.ValueOutputs.Where(withRespectTo.Contains).ToList();
        this.exposed = model.ValueOutputs.Where(v => !withRespectTo.Contains(v) && exposed.Contains(v)).ToList();
        outputs = [model.ScoredOutput, .. requested, .. withRespectTo.Select(v => model.GradientOutputs[v])];
        outputsAndExposed = [.. outputs, .. this.exposed];
    }

    /// <param name="fetchExposed">Whether the exposed forward values are copied out too (they are computed either way, on the path to the score).</param>
    public GradientResult Run(FloatTensor input, long[] scoredShape, GradientSeed seed, bool fetchExposed = false)
    {
        var feeds = new Dictionary<string, FloatTensor>(StringComparer.Ordinal) { [inputName] = input };
        if (model.ClassInput is { } classInput)
        {
            feeds[classInput] = seed.ClassTensor(scoredShape, modelPath);
        }

        if (model.SeedInput is { } seedInput)
        {
            feeds[seedInput] = seed.WeightTensor(scoredShape, modelPath);
        }

        var results = session.Run(feeds, fetchExposed ? outputsAndExposed : outputs);
        var values = new Dictionary<string, FloatTensor>(StringComparer.Ordinal) { [model.ScoredOutput] = results[0] };
        for (var i = 0; i < requested.Count; i++)
        {
            values[requested[i]] = results[1 + i];
        }

        for (var i = 0; fetchExposed && i < exposed.Count; i++)
        {
            values[exposed[i]] = results[outputs.Count + i];
        }

        // A requested graph input is not an output of the fused model: its value is what was fed.
        values.TryAdd(inputName, input);
        var gradients = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        for (var i = 0; i < withRespectTo.Count; i++)
        {
            gradients[withRespectTo[i]] = results[1 + requested.Count + i];
        }

        return new GradientResult(values, gradients);
    }

    public string DeviceReport => session.DeviceReport;

    public void Dispose() => session.Dispose();
}
