using ModelAudit.Core.Models;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Benchmarks.Models;

/// <summary>
/// The two halves of one gradient computation, opened exactly as the gradient engine opens them (same plan
/// cache, same sessions), so the report can say whether the forward with its exposed tensors or the
/// backward model dominates.
/// </summary>
internal sealed class GradientParts : IDisposable
{
    private readonly GradientPlan plan;
    private readonly InferenceSession forward;
    private readonly InferenceSession backward;
    private readonly FloatTensor input;
    private readonly string inputName;
    private readonly Dictionary<string, FloatTensor> backwardFeeds;
    private readonly string[] gradientOutputs;

    public GradientParts(ModelRunner runner, SessionSettings settings, FloatTensor input, string scoredValue, string withRespectTo)
    {
        this.input = input;
        inputName = runner.Input.Name;
        plan = new GradientPlanCache().GetOrBuild(runner.Model, new GradientRequest([withRespectTo], scoredValue), runner.ValueShapes(input.Shape));
        forward = InferenceSession.Open(plan.Forward.ToBytes(), runner.Name, settings);
        backward = InferenceSession.Open(plan.BackwardModel, runner.Name + " (backward)", settings);
        var values = plan.ForwardOutputs.Zip(RunForward()).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        backwardFeeds = plan.BackwardInputs.ToDictionary(n => n, n => values[n], StringComparer.Ordinal);
        var scored = values[scoredValue];
        var seed = new float[scored.ElementCount];
        seed.AsSpan().Fill(1f / scored.Shape[1]);
        backwardFeeds[plan.SeedInput] = new FloatTensor(seed, scored.Shape);
        gradientOutputs = [plan.GradientOutputs[withRespectTo]];
    }

    /// <summary>How many tensors the forward run hands over, and their size in MiB for the whole batch.</summary>
    public (int Count, double MiB) Exposed => (plan.ForwardOutputs.Count,
        backwardFeeds.Values.Sum(t => t.ElementCount) * sizeof(float) / (1024.0 * 1024.0));

    public IReadOnlyList<FloatTensor> RunForward() => forward.Run(new Dictionary<string, FloatTensor> { [inputName] = input }, plan.ForwardOutputs);

    public IReadOnlyList<FloatTensor> RunBackward() => backward.Run(backwardFeeds, gradientOutputs);

    public void Dispose()
    {
        forward.Dispose();
        backward.Dispose();
    }
}
