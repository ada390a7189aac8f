namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// A node on the path between the requested tensors and the scored output has no gradient rule (or uses a mode
/// the rule cannot differentiate). The gradient-free analyses do not need one, so the message points to them.
/// </summary>
public sealed class UnsupportedGradientException : Exception
{
    public UnsupportedGradientException()
        : this("no gradient rule")
    {
    }

    public UnsupportedGradientException(string message)
        : base(message)
    {
        OpType = string.Empty;
        NodeName = string.Empty;
        ModelName = string.Empty;
    }

    public UnsupportedGradientException(string message, Exception innerException)
        : base(message, innerException)
    {
        OpType = string.Empty;
        NodeName = string.Empty;
        ModelName = string.Empty;
    }

    internal UnsupportedGradientException(string modelName, string opType, string nodeName, string from, string to, string? detail)
        : base(FormatMessage(modelName, opType, nodeName, from, to, detail))
    {
        OpType = opType;
        NodeName = nodeName;
        ModelName = modelName;
    }

    public string OpType { get; }

    public string NodeName { get; }

    public string ModelName { get; }

    private static string FormatMessage(string model, string opType, string node, string from, string to, string? detail)
    {
        var what = detail is null
            ? $"no gradient rule for operator '{opType}'"
            : $"no gradient rule for operator '{opType}' ({detail})";
        return $"{model}: {what} (node '{node}') on the path from '{from}' to '{to}'; "
            + "the gradient-free methods (eigencam, scorecam, ablationcam, occlusion) still work.";
    }
}
