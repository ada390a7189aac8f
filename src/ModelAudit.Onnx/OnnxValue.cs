namespace ModelAudit.Onnx;

/// <summary>A named graph input or output with its declared element type and shape (when declared).</summary>
public sealed record OnnxValue(string Name, OnnxDataType ElementType, OnnxShape? Shape);
