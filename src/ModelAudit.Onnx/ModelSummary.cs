namespace ModelAudit.Onnx;

/// <summary>A Keras-style model summary: layers in execution order with output shapes and parameter counts.</summary>
public sealed record ModelSummary(
    IReadOnlyList<LayerSummary> Layers,
    long TotalParameters,
    IReadOnlyList<OnnxValue> Inputs,
    IReadOnlyList<OnnxValue> Outputs);

/// <summary>One layer (node) of a <see cref="ModelSummary"/>; a null shape means not known.</summary>
public sealed record LayerSummary(
    string Name,
    string OpType,
    IReadOnlyList<(string Name, long[]? Shape)> Outputs,
    long Parameters);
