using Google.Protobuf;
using ModelAudit.Onnx.Autodiff.Precision;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>Builds backward models in standard ONNX operators, so gradients run on inference-only ONNX Runtime builds.</summary>
public static class GradientBuilder
{
    /// <summary>
    /// Plans the gradient of <see cref="GradientRequest.ScoredOutput"/> with respect to the requested values.
    /// </summary>
    /// <param name="model">The forward model.</param>
    /// <param name="request">What to differentiate.</param>
    /// <param name="staticShapes">Every value's concrete shape from one forward run at the input size to be used.</param>
    /// <exception cref="UnsupportedGradientException">A node on the path has no gradient rule.</exception>
    /// <exception cref="ArgumentException">A requested value does not exist or a needed shape is missing.</exception>
    public static GradientPlan Build(OnnxModel model, GradientRequest request, IReadOnlyDictionary<string, long[]> staticShapes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(staticShapes);
        var (_, backward) = Backward(model, request, staticShapes);
        // The scored output and the requested activations come first so callers can read them by position too.
        var outputs = new List<string> { request.ScoredOutput };
        foreach (var value in request.WithRespectTo.Concat(backward.ForwardInputs))
        {
            if (!outputs.Contains(value, StringComparer.Ordinal))
            {
                outputs.Add(value);
            }
        }

        return new GradientPlan(
            model.WithOutputs(outputs),
            outputs,
            backward.Model.ToByteArray(),
            backward.ForwardInputs,
            backward.SeedInput,
            backward.GradientOutputs,
            GradientPrecisions.Of(model));
    }

    /// <summary>The forward graph's view and the backward graph of one request: shared by the two-model plan and the
    /// fused model, so both differentiate exactly the same graph.</summary>
    internal static (ForwardGraph Forward, BackwardResult Backward) Backward(
        OnnxModel model, GradientRequest request, IReadOnlyDictionary<string, long[]> staticShapes)
    {
        var forward = new ForwardGraph(model.Proto, model.SourceName, staticShapes);
        return (forward, new BackwardPass(forward, request, staticShapes).Run());
    }
}
