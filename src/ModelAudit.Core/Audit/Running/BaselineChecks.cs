using System.Globalization;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Running;

/// <summary>Checks of an image against its committed baseline: map correlation, mass drop, prediction change.</summary>
internal static class BaselineChecks
{
    public static IEnumerable<CheckResult> For(BaselineComparison b, double relevanceMass, int predictedClass, string? predictedLabel, Thresholds t,
        string imageLabel, string how)
    {
        yield return LocalizationChecks.AtLeast("baseline-correlation", "Correlation with baseline", b.Correlation,
            t.MinBaselineCorrelation, DiagnosticCodes.BaselineCorrelation, imageLabel, "correlation with the baseline map", how, regression: true);

        var drop = b.BaselineRelevanceMass - relevanceMass;
        var dropFails = t.MaxMassDrop is double max && drop > max;
        yield return new CheckResult
        {
            Id = "baseline-mass-drop",
            Title = "Relevance mass drop",
            Value = drop,
            Threshold = t.MaxMassDrop,
            Comparison = t.MaxMassDrop is null ? null : "<=",
            Status = t.MaxMassDrop is null ? CheckStatus.Info : dropFails ? CheckStatus.Fail : CheckStatus.Pass,
            Code = DiagnosticCodes.BaselineMassDrop,
            Message = $"{imageLabel}: relevance mass {LocalizationChecks.F(relevanceMass)} vs baseline {LocalizationChecks.F(b.BaselineRelevanceMass)}" +
                (t.MaxMassDrop is double m ? $", drop {LocalizationChecks.F(drop)} {(dropFails ? ">" : "<=")} {LocalizationChecks.F(m)}" : "") + $" ({how})",
            IsRegression = true,
        };

        var changed = predictedClass != b.BaselineClass;
        yield return new CheckResult
        {
            Id = "baseline-prediction",
            Title = "Prediction vs baseline",
            Value = predictedClass,
            Threshold = b.BaselineClass,
            Comparison = "==",
            Status = !changed ? CheckStatus.Pass : t.FailOnPredictionChange ? CheckStatus.Fail : CheckStatus.Info,
            Code = DiagnosticCodes.BaselinePrediction,
            Message = changed
                ? $"{imageLabel}: predicted {Class(predictedClass, predictedLabel)}, the baseline predicted {Class(b.BaselineClass, b.BaselineLabel)} with probability {b.BaselineProbability.ToString("0.00", CultureInfo.InvariantCulture)}"
                : $"{imageLabel}: predicted {Class(predictedClass, predictedLabel)} as in the baseline",
            IsRegression = true,
        };
    }

    // The label people know the class by, with the index for models whose labels repeat or are missing; the index
    // says "class", since a bare "'0' (0)" or "'180' (1)" read as label and probability to a user of a model labelled by numbers.
    private static string Class(int index, string? label) =>
        label is null ? $"class {index.ToString(CultureInfo.InvariantCulture)}" : $"'{label}' (class {index.ToString(CultureInfo.InvariantCulture)})";
}
