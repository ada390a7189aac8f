using System.Globalization;
using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Explanations;
using ModelAudit.Core.Audit.Metrics;
using ModelAudit.Core.Audit.Running;

namespace ModelAudit.Core.Audit.Calibration;

/// <summary>
/// `modelaudit calibrate`: measures every model on its configured images with the configured method and layer and
/// suggests thresholds it passes with a stated margin. Run it on a model you trust: the suggestions encode what it
/// does now, so a model that looks elsewhere later (a shortcut) falls below them. It also runs the sanity check by
/// default: bars calibrated on maps that do not depend on the learned weights would hold the model to nothing.
/// </summary>
public static class Calibrator
{
    /// <summary>Suggested bars are the worst image's value reduced by this share (and the pointing miss widened by it).</summary>
    public const double DefaultMargin = 0.2;

    /// <param name="sanityCheck">
    /// Run each model's sanity check unless its entry says "sanityCheck": false (`--no-sanity-check` passes false): a
    /// method whose maps ignore the learned weights would calibrate bars that prove nothing.
    /// </param>
    /// <summary>Refuses a margin outside [0, 1): callable up front, so `baseline accept --calibrate` refuses it before writing.</summary>
    public static void CheckMargin(double margin)
    {
        if (!(margin >= 0 && margin < 1))
        {
            throw new ModelAuditException($"--margin {margin.ToString(CultureInfo.InvariantCulture)}: the margin is a share in [0, 1), e.g. 0.2 for 20%");
        }
    }

    public static IReadOnlyList<ModelCalibration> Run(AuditConfig config, AuditOptions options, double margin = DefaultMargin, bool sanityCheck = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        CheckMargin(margin);

        var result = new List<ModelCalibration>();
        foreach (var entry in config.Models)
        {
            ModelCalibration calibration;
            string score;
            using (var analysis = ModelAnalysis.Open(config, entry, options))
            {
                var measured = new (ImageEntry Image, LocalizationMetrics Metrics)[entry.Images.Count];
                // Numbers only: no report panels, and each image is dropped once measured (streaming, as the audit).
                analysis.Images(activationGrids: false, x => measured[x.Index] = (x.Entry, LocalizationMeasure.Of(x.Entry, x.Cam).Metrics));
                calibration = Summarize(entry, analysis.Facts.Method, analysis.Facts.Layer, measured, margin);
                score = analysis.Facts.Score;
            }

            // After the analysis is closed: the cascade opens sessions of its own, one randomized copy at a time.
            result.Add(!sanityCheck ? calibration with { SanitySkipped = "--no-sanity-check" }
                : entry.SanityCheckOff ? calibration with { SanitySkipped = "\"sanityCheck\": false in modelaudit.json" }
                : calibration with
                {
                    Sanity = SanityRun.Run(config, entry, options, entry.Sanity ?? new SanitySettings(new SanityOptions()), calibration.Method, calibration.Layer, score),
                });
        }

        return result;
    }

    internal static ModelCalibration Summarize(ModelEntry entry, string method, string layer,
        IReadOnlyList<(ImageEntry Image, LocalizationMetrics Metrics)> measured, double margin)
    {
        var notes = new List<string>();
        foreach (var (image, m) in measured.Where(x => x.Metrics.FlatMap || x.Metrics.EmptyRegion))
        {
            notes.Add(m.EmptyRegion
                ? $"{image.Path}: the expected region covers no pixel; left out (fix its coordinates)"
                : $"{image.Path}: the map is all zero ({method} at {layer} finds no evidence for the class); left out");
        }

        var usable = measured.Where(x => !x.Metrics.FlatMap && !x.Metrics.EmptyRegion).Select(x => x.Metrics).ToList();
        var percent = entry.Thresholds.IouTopPercent;
        var mass = Spread.Of("relevance mass", usable.Select(m => m.RelevanceMass).ToList());
        var rank = Spread.Of("rank accuracy", usable.Select(m => m.RankAccuracy).ToList());
        var iou = Spread.Of($"IoU of top {percent.ToString("0.##", CultureInfo.InvariantCulture)}%", usable.Select(m => m.IouTop).ToList());
        var pointing = Spread.Of("pointing miss (px)", usable.Select(m => m.PointingDistance).ToList());

        var suggested = new List<KeyValuePair<string, object>>();
        if (usable.Count > 0)
        {
            suggested.Add(new("minRelevanceMass", Below(mass.Min, margin)));
            suggested.Add(new("minRankAccuracy", Below(rank.Min, margin)));
            suggested.Add(new("minIouTop", Below(iou.Min, margin)));
            if (percent != Thresholds.Default.IouTopPercent)
            {
                suggested.Add(new("iouTopPercent", percent));
            }

            suggested.Add(new("pointingGame", true));
            var tolerance = pointing.Max <= 0 ? 0 : (int)Math.Ceiling(pointing.Max * (1 + margin));
            if (tolerance > 0)
            {
                suggested.Add(new("pointingTolerance", tolerance));
                notes.Add($"the map's maximum misses the region by up to {pointing.Max.ToString("0.#", CultureInfo.InvariantCulture)} px; " +
                    $"the tolerance covers that plus {(margin * 100).ToString("0.#", CultureInfo.InvariantCulture)}%");
            }

            // Against the baseline: a fall of more than the margin's share of the weakest image's mass is a regression.
            suggested.Add(new("maxMassDrop", Round(Math.Max(0.01, mass.Min * margin))));
            suggested.Add(new("minBaselineCorrelation", 0.8));
        }
        else
        {
            notes.Add("no image has a usable map: nothing to suggest");
        }

        return new ModelCalibration(entry.Name, method, layer, measured.Count, margin, percent, [mass, rank, iou, pointing], suggested, notes);
    }

    // Round down to 2 decimals: a suggestion must never sit above the value it came from.
    private static double Below(double min, double margin) => Math.Floor(min * (1 - margin) * 100) / 100;

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
