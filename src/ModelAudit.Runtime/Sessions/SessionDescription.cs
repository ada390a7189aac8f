namespace ModelAudit.Runtime.Sessions;

/// <summary>What a loaded session says about its model.</summary>
internal sealed record SessionDescription(
    IReadOnlyList<TensorInfo> Inputs,
    IReadOnlyList<TensorInfo> Outputs,
    string? ProducerName,
    IReadOnlyDictionary<string, string> CustomMetadata);
