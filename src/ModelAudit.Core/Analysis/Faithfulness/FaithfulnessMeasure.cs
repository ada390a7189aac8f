namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// The faithfulness of one image's map: the deletion/insertion curves and, for Grad-CAM++'s average drop and
/// increase in confidence, the class probability on the original input and on the map-weighted one.
/// </summary>
public sealed record FaithfulnessMeasure(FaithfulnessResult Curves, double Original, double Weighted)
{
    /// <summary>max(0, Original - Weighted) / Original: averaged over images, the "average drop" (lower is better).</summary>
    public double Drop => ConfidenceChange.Drop(Original, Weighted);

    /// <summary>The map-weighted input scores higher: the share of such images is the "increase in confidence".</summary>
    public bool Increased => ConfidenceChange.Increased(Original, Weighted);
}
