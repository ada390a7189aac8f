namespace ModelAudit.Core.Audit.Baselines;

/// <summary>The accepted state of one model: its file hash, how the maps were made, and every image.</summary>
/// <param name="Faithfulness">How the images' faithfulness areas were measured; null when none were (faithfulness off, or an older format).</param>
/// <param name="FormatVersion">The baseline.json version it was read from (written ones are the current version).</param>
public sealed record BaselineModel(string ModelName, string ModelSha256, string Method, string Layer, IReadOnlyList<BaselineImage> Images,
    BaselineFaithfulness? Faithfulness = null, int FormatVersion = BaselineStore.FormatVersion);
