namespace ModelAudit.Onnx.Autodiff.Fused;

/// <summary>
/// One ONNX model that runs the forward pass and the backward pass in a single session: feed the image input
/// (and <see cref="ClassInput"/> or <see cref="SeedInput"/> when the seed is fed), read the scored value, the
/// requested activations and their gradients. No forward tensor leaves the session.
/// </summary>
/// <param name="Model">The serialized model (default-domain opset 17).</param>
/// <param name="ScoredOutput">The output holding the scored value (its forward name).</param>
/// <param name="ValueOutputs">Requested activations exposed as outputs under their own names (graph inputs are not).</param>
/// <param name="GradientOutputs">Requested value -> the output holding its gradient.</param>
/// <param name="Seed">How the seed is obtained.</param>
/// <param name="ClassInput">The int64 [N] class index input, for <see cref="SeedKind.ClassInput"/>.</param>
/// <param name="SeedInput">The float seed input shaped like the scored value, for <see cref="SeedKind.Tensor"/>.</param>
public sealed record FusedGradientModel(
    byte[] Model,
    string ScoredOutput,
    IReadOnlyList<string> ValueOutputs,
    IReadOnlyDictionary<string, string> GradientOutputs,
    SeedKind Seed,
    string? ClassInput,
    string? SeedInput);
