using System.Globalization;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Metrics;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Running;

/// <summary>Turns an image's localization metrics into checks against the thresholds that apply to it.</summary>
internal static class LocalizationChecks
{
    public static IEnumerable<CheckResult> For(LocalizationMetrics m, Thresholds t, string imageLabel, string how)
    {
        if (m.EmptyRegion)
        {
            yield return Finding("empty-region", "Expected region", DiagnosticCodes.EmptyRegion,
                $"{imageLabel}: the expected region covers no pixel of the image; fix its coordinates");
            yield break;
        }

        if (m.FlatMap)
        {
            yield return Finding("flat-map", "Heatmap", DiagnosticCodes.FlatMap,
                $"{imageLabel}: the heatmap is all zero: {how} found no positive evidence for the class");
            yield break;
        }

        yield return AtLeast("relevance-mass", "Relevance mass", m.RelevanceMass, t.MinRelevanceMass, DiagnosticCodes.RelevanceMass,
            imageLabel, "relevance mass", how);
        yield return PointingGame(m, t, imageLabel, how);
        yield return AtLeast("rank-accuracy", "Rank accuracy", m.RankAccuracy, t.MinRankAccuracy, DiagnosticCodes.RankAccuracy,
            imageLabel, "relevance rank accuracy", how);
        yield return AtLeast("iou-top", $"IoU of top {F(t.IouTopPercent)}%", m.IouTop, t.MinIouTop, DiagnosticCodes.IouTop,
            imageLabel, $"IoU of the top {F(t.IouTopPercent)}%", how);
    }

    internal static CheckResult AtLeast(string id, string title, double value, double? threshold, string code,
        string imageLabel, string what, string how, bool regression = false)
    {
        var status = threshold is null ? CheckStatus.Info : value >= threshold ? CheckStatus.Pass : CheckStatus.Fail;
        var message = threshold is null
            ? $"{imageLabel}: {what} {F(value)} ({how})"
            : $"{imageLabel}: {what} {F(value)} {(status == CheckStatus.Pass ? ">=" : "<")} {F(threshold.Value)} ({how})";
        return new CheckResult
        {
            Id = id,
            Title = title,
            Value = value,
            Threshold = threshold,
            Comparison = threshold is null ? null : ">=",
            Status = status,
            Code = code,
            Message = message,
            IsRegression = regression,
        };
    }

    private static CheckResult PointingGame(LocalizationMetrics m, Thresholds t, string imageLabel, string how)
    {
        var gated = t.PointingGame == true;
        var status = !gated ? CheckStatus.Info : m.PointingHit ? CheckStatus.Pass : CheckStatus.Fail;
        var tolerance = t.PointingTolerance > 0 ? $" (tolerance {t.PointingTolerance} px)" : "";
        return new CheckResult
        {
            Id = "pointing-game",
            Title = "Pointing game",
            Value = m.PointingHit ? 1 : 0,
            Threshold = gated ? 1 : null,
            Comparison = gated ? "==" : null,
            Status = status,
            Code = DiagnosticCodes.PointingGame,
            Message = $"{imageLabel}: the heatmap's maximum is {(m.PointingHit ? "inside" : "outside")} the expected region{tolerance} ({how})",
        };
    }

    private static CheckResult Finding(string id, string title, string code, string message) => new()
    {
        Id = id,
        Title = title,
        Status = CheckStatus.Fail,
        Code = code,
        Message = message,
    };

    internal static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
