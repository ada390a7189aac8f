namespace ModelAudit.Onnx.Autodiff;

/// <summary>What to differentiate: d <paramref name="ScoredOutput"/> (weighted by the seed) with respect to each
/// value of <paramref name="WithRespectTo"/> (activations and/or a graph input).</summary>
/// <param name="WithRespectTo">Value names whose gradients the backward model returns.</param>
/// <param name="ScoredOutput">The value whose seed gradient is fed, e.g. the logits before a final Softmax.</param>
/// <param name="Guided">Guided backprop: the Relu backward also drops negative incoming gradients.</param>
public sealed record GradientRequest(IReadOnlyList<string> WithRespectTo, string ScoredOutput, bool Guided = false)
{
    /// <summary>A stable text form, used as part of cache keys (records compare lists by reference).</summary>
    internal string Key => $"{string.Join('\u001f', WithRespectTo)}\u001e{ScoredOutput}\u001e{Guided}";
}
