using System.Globalization;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>The few number and status spellings every human-readable report shares, culture-invariant.</summary>
internal static class ReportText
{
    public static string Number(double? value) => value switch
    {
        null => "—",
        { } v when double.IsNaN(v) => "NaN",
        { } v when Math.Abs(v) >= 1000 || v == Math.Floor(v) => v.ToString("0.##", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Percent(double probability) =>
        (probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "fail",
        CheckStatus.Warn => "warn",
        _ => "info",
    };

    public static string Severity(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>
    /// "vertical (class 1)", or just "1" when the model has no labels: the label leads, the index disambiguates and
    /// says "class", since a bare "180 (1)" reads as a label and a count to a user of a model labelled by numbers.
    /// </summary>
    public static string Class(int index, string? label) =>
        string.IsNullOrEmpty(label)
            ? index.ToString(CultureInfo.InvariantCulture)
            : $"{label} (class {index.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>"&gt;= 0.5" or "—" when the check has no bar.</summary>
    public static string Bar(CheckResult check) =>
        check.Threshold is null ? "—" : $"{check.Comparison ?? ">="} {Number(check.Threshold)}";

    /// <summary>A check's value as people read it: a class by its label for the prediction checks, else the number.</summary>
    public static string CheckValue(CheckResult check, ImageResult image) => check.Id switch
    {
        PredictionCheck or BaselinePredictionCheck when check.Value is { } v && (int)v == image.PredictedClass =>
            Class(image.PredictedClass, image.PredictedLabel),
        _ => Number(check.Value),
    };

    /// <summary>The bar of a check; for the prediction checks, the class it must equal, by label.</summary>
    public static string CheckBar(CheckResult check, ImageResult image) => check.Id switch
    {
        PredictionCheck when check.Threshold is { } t && (int)t == image.Class => "= " + Class(image.Class, image.ClassLabel),
        BaselinePredictionCheck when image.Baseline is { } b && check.Threshold is { } t && (int)t == b.BaselineClass =>
            "= " + Class(b.BaselineClass, b.BaselineLabel),
        _ => Bar(check),
    };

    private const string PredictionCheck = "prediction";
    private const string BaselinePredictionCheck = "baseline-prediction";

    public static string ShortHash(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;

}
