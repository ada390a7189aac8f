namespace ModelAudit.Onnx.Autodiff;

/// <summary>Errors for requests the builder cannot serve for reasons other than a missing rule: an unknown value
/// name, a missing static shape, a constant the rule needs at build time that the graph computes instead.</summary>
internal static class GradientErrors
{
    public static ArgumentException BadRequest(string modelName, string message) => new($"{modelName}: {message}");
}
