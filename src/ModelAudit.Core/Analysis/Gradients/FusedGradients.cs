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
    private readonly List<string> outputs;

    public FusedGradients(FusedGradientModel model, InferenceSession session, string inputName, string modelPath, IReadOnlyList<string> withRespectTo)
    {
        this.model = model;
        this.session = session;
        this.inputName = inputName;
        this.modelPath = modelPath;
        this.withRespectTo = withRespectTo;
        outputs = [model.ScoredOutput, .. model.ValueOutputs, .. withRespectTo.Select(v => model.GradientOutputs[v])];
    }

    public GradientResult Run(FloatTensor input, long[] scoredShape, GradientSeed seed)
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

        var results = session.Run(feeds, outputs);
        var values = new Dictionary<string, FloatTensor>(StringComparer.Ordinal) { [model.ScoredOutput] = results[0] };
        for (var i = 0; i < model.ValueOutputs.Count; i++)
        {
            values[model.ValueOutputs[i]] = results[1 + i];
        }

        // A requested graph input is not an output of the fused model: its value is what was fed.
        values.TryAdd(inputName, input);
        var gradients = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        for (var i = 0; i < withRespectTo.Count; i++)
        {
            gradients[withRespectTo[i]] = results[1 + model.ValueOutputs.Count + i];
        }

        return new GradientResult(values, gradients);
    }

    public string DeviceReport => session.DeviceReport;

    public void Dispose() => session.Dispose();
}
