using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Gradients;

/// <summary>
/// The two-model scheme of GRADIENTS.md, for models whose opset cannot be fused: one forward run exposing what the
/// backward model needs, the seed computed from the scored value, then one backward run.
/// </summary>
internal sealed class TwoModelGradients : IDisposable
{
    private readonly GradientPlan plan;
    private readonly InferenceSession forward;
    private readonly InferenceSession backward;
    private readonly string inputName;
    private readonly string modelPath;

    public TwoModelGradients(GradientPlan plan, InferenceSession forward, InferenceSession backward, string inputName, string modelPath)
    {
        this.plan = plan;
        this.forward = forward;
        this.backward = backward;
        this.inputName = inputName;
        this.modelPath = modelPath;
    }

    public GradientResult Run(FloatTensor input, string scoredValue, IReadOnlyList<string> withRespectTo, GradientSeed seed)
    {
        var forwardValues = forward.Run(new Dictionary<string, FloatTensor> { [inputName] = input }, plan.ForwardOutputs);
        var values = new Dictionary<string, FloatTensor>(StringComparer.Ordinal);
        for (var i = 0; i < plan.ForwardOutputs.Count; i++)
        {
            values[plan.ForwardOutputs[i]] = forwardValues[i];
        }

        var feeds = plan.BackwardInputs.ToDictionary(name => name, name => values[name], StringComparer.Ordinal);
        feeds[plan.SeedInput] = seed.Compute(values[scoredValue], modelPath);
        var gradients = backward.Run(feeds, withRespectTo.Select(v => plan.GradientOutputs[v]).ToList());
        return new GradientResult(values, withRespectTo.Select((v, i) => (v, gradients[i])).ToDictionary(p => p.v, p => p.Item2, StringComparer.Ordinal));
    }

    public string DeviceReport => forward.DeviceReport;

    public void Dispose()
    {
        forward.Dispose();
        backward.Dispose();
    }
}
