using ModelAudit.Core.Audit.Config.Json;

namespace ModelAudit.Core.Audit.Config;

/// <summary>"thresholds": applies exactly the fields written onto the thresholds inherited.</summary>
internal static class ThresholdsReader
{
    internal static readonly string[] Known =
    [
        "minRelevanceMass", "pointingGame", "pointingTolerance", "minRankAccuracy", "minIouTop", "iouTopPercent",
        "maxMassDrop", "minBaselineCorrelation", "failOnPredictionChange",
    ];

    public static Thresholds Apply(ConfigSource source, Thresholds inherited, JsonNode? node, string where)
    {
        if (node is null)
        {
            return inherited;
        }

        var o = new JsonObjectReader(source, node, where, Known);
        return new Thresholds(
            o.Number("minRelevanceMass", 0, 1) ?? inherited.MinRelevanceMass,
            o.Bool("pointingGame") ?? inherited.PointingGame,
            o.Int("pointingTolerance", 0) ?? inherited.PointingTolerance,
            o.Number("minRankAccuracy", 0, 1) ?? inherited.MinRankAccuracy,
            o.Number("minIouTop", 0, 1) ?? inherited.MinIouTop,
            o.Number("iouTopPercent", 0, 100, minExclusive: true) ?? inherited.IouTopPercent,
            o.Number("maxMassDrop", 0, 1) ?? inherited.MaxMassDrop,
            o.Number("minBaselineCorrelation", -1, 1) ?? inherited.MinBaselineCorrelation,
            o.Bool("failOnPredictionChange") ?? inherited.FailOnPredictionChange);
    }
}
