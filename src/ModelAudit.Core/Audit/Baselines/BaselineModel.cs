namespace ModelAudit.Core.Audit.Baselines;

/// <summary>The accepted state of one model: its file hash, how the maps were made, and every image.</summary>
public sealed record BaselineModel(string ModelName, string ModelSha256, string Method, string Layer, IReadOnlyList<BaselineImage> Images);
