namespace ModelAudit.Core.Audit.Baselines;

/// <summary>
/// An image's deletion and insertion AUC (probability of the explained class, trapezoid area over [0, 1]), as
/// accepted: what `faithfulness.maxFaithfulnessDrop` compares the current areas with.
/// </summary>
public sealed record FaithfulnessAreas(double DeletionAuc, double InsertionAuc)
{
    /// <summary>
    /// How much less faithful <paramref name="now"/> is than <paramref name="baseline"/>: the larger of the deletion AUC's
    /// rise and the insertion AUC's fall, in probability units (negative when both improved).
    /// </summary>
    public static double Drop(FaithfulnessAreas baseline, FaithfulnessAreas now)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(now);
        return Math.Max(now.DeletionAuc - baseline.DeletionAuc, baseline.InsertionAuc - now.InsertionAuc);
    }
}
