namespace ModelAudit.Core.Audit.Baselines;

/// <summary>What was accepted for one image: the prediction, its relevance mass, the low-resolution map and its faithfulness.</summary>
/// <param name="ImagePath">The image's path as written in the config; the key the audit matches on.</param>
/// <param name="Map">Row-major, <paramref name="MapHeight"/> x <paramref name="MapWidth"/>.</param>
/// <param name="Faithfulness">The map's deletion/insertion AUC when the model's "faithfulness" was on at accept, else null.</param>
public sealed record BaselineImage(string ImagePath, int Class, double Probability, double RelevanceMass, int MapWidth, int MapHeight, float[] Map,
    FaithfulnessAreas? Faithfulness = null);
