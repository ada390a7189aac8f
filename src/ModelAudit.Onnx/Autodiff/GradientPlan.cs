using ModelAudit.Onnx.Autodiff.Precision;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// The two models that compute a gradient: run <see cref="Forward"/> asking for <see cref="ForwardOutputs"/>, feed
/// the tensors named by <see cref="BackwardInputs"/> plus the seed to <see cref="BackwardModel"/>, and read the
/// gradients from the outputs named in <see cref="GradientOutputs"/>.
/// </summary>
public sealed class GradientPlan
{
    internal GradientPlan(
        OnnxModel forward,
        IReadOnlyList<string> forwardOutputs,
        byte[] backwardModel,
        IReadOnlyList<string> backwardInputs,
        string seedInput,
        IReadOnlyDictionary<string, string> gradientOutputs,
        GradientPrecision precision = GradientPrecision.Float32)
    {
        Precision = precision;
        Forward = forward;
        ForwardOutputs = forwardOutputs;
        BackwardModel = backwardModel;
        BackwardInputs = backwardInputs;
        SeedInput = seedInput;
        GradientOutputs = gradientOutputs;
    }

    /// <summary>The user's model (opset unchanged) also exposing every tensor the backward model needs.</summary>
    public OnnxModel Forward { get; }

    /// <summary>The forward outputs to request: the scored output, the requested activations and the tensors the
    /// backward model takes (graph inputs among them are returned unchanged by the forward run).</summary>
    public IReadOnlyList<string> ForwardOutputs { get; }

    /// <summary>The backward model (opset 17); its inputs are <see cref="BackwardInputs"/> and the seed.</summary>
    public byte[] BackwardModel { get; }

    /// <summary>Names of the forward tensors the backward model takes, in input order; each is also its input name.</summary>
    public IReadOnlyList<string> BackwardInputs { get; }

    /// <summary>The backward input receiving d score / d scored output, shaped like the scored output.</summary>
    public string SeedInput { get; }

    /// <summary>How the backward model's precision relates to the model's (float32 from fp16, QDQ straight-through);
    /// <see cref="GradientPrecisions.Describe"/> states it in words.</summary>
    public GradientPrecision Precision { get; }

    /// <summary>Requested value -> the backward output holding its gradient.</summary>
    public IReadOnlyDictionary<string, string> GradientOutputs { get; }
}
