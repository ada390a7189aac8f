namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// Deletion and insertion curves of the target class probability (Petsiuk et al. 2018), points at fractions
/// 0, 1/Steps, ..., 1 of the pixels, highest-ranked first, and their areas (trapezoid rule over [0, 1]).
/// A faithful map has a low deletion area (the score collapses once its top pixels go) and a high insertion area.
/// </summary>
public sealed record FaithfulnessResult(IReadOnlyList<double> Deletion, IReadOnlyList<double> Insertion)
{
    public double DeletionAuc => Area(Deletion);

    public double InsertionAuc => Area(Insertion);

    /// <summary>Trapezoid rule over points evenly spaced on [0, 1].</summary>
    public static double Area(IReadOnlyList<double> curve)
    {
        if (curve.Count < 2)
        {
            return curve.Count == 1 ? curve[0] : 0;
        }

        double sum = 0;
        for (var i = 0; i + 1 < curve.Count; i++)
        {
            sum += (curve[i] + curve[i + 1]) / 2;
        }

        return sum / (curve.Count - 1);
    }
}
