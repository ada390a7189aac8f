using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Explanations;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// `modelaudit baseline accept`: records what every model does now (maps, metrics, model hash) as the
/// baseline that later audits compare with. The only code that writes a baseline. Every model is analysed
/// and checked before the first byte is written, and the new baseline replaces the old one as a whole. With
/// "faithfulness" on, each image's deletion/insertion AUC is recorded too (baseline.json version 3).
/// </summary>
public static class BaselineAcceptor
{
    public static IReadOnlyList<BaselineModel> Accept(AuditConfig config, AuditOptions options)
    {
        var models = new List<BaselineModel>();
        foreach (var entry in config.Models)
        {
            var images = new BaselineImage[entry.Images.Count];
            var explained = new int[entry.Images.Count];
            BaselineModel model;
            using (var analysis = ModelAnalysis.Open(config, entry, options))
            {
                // A baseline holds maps and metrics only: no report panels, so nothing here needs a gradient it does not use.
                analysis.Images(activationGrids: false, x =>
                {
                    RequireFinite(config, entry, x.Entry, x.Cam);
                    var (_, metrics) = LocalizationMeasure.Of(x.Entry, x.Cam);
                    images[x.Index] = new BaselineImage(x.Entry.Path, x.Cam.PredictedClass, x.Cam.PredictedProbability, metrics.RelevanceMass,
                        x.Cam.MapWidth, x.Cam.MapHeight, x.Cam.Map);
                    explained[x.Index] = x.Cam.Class;
                });
                model = new BaselineModel(entry.Name, analysis.Facts.Sha256, analysis.Facts.Method, analysis.Facts.Layer, images);
            }

            // Measured after the analysis is closed, as the audit does: one model's sessions at a time.
            models.Add(entry.Faithfulness is { } faithfulness ? WithFaithfulness(config, entry, options, faithfulness, model, explained) : model);
        }

        BaselineStore.WriteAll(config.BaselineDirectory, models);
        return models;
    }

    /// <summary>
    /// The areas `faithfulness.maxFaithfulnessDrop` compares with, measured as the audit measures them (same maps, classes
    /// and settings), so an unchanged model audits at a drop of exactly 0.
    /// </summary>
    private static BaselineModel WithFaithfulness(AuditConfig config, ModelEntry entry, AuditOptions options, FaithfulnessSettings settings,
        BaselineModel model, int[] explained)
    {
        var images = model.Images;
        var measures = FaithfulnessRun.Measure(config, entry, options, settings,
            [.. images.Select((b, k) => new FaithfulnessRun.Item(entry.Images[k], b.Map, b.MapWidth, b.MapHeight, explained[k]))]);
        for (var k = 0; k < measures.Count; k++)
        {
            var (deletion, insertion) = (measures[k].Curves.DeletionAuc, measures[k].Curves.InsertionAuc);
            if (!double.IsFinite(deletion) || !double.IsFinite(insertion))
            {
                var at = entry.Images[k].Location;
                throw new ConfigException(config.Path, at.Line, at.Column, DiagnosticCodes.ModelProblem,
                    $"{entry.Name}/{entry.Images[k].Path}: its deletion/insertion AUC is {deletion}/{insertion}; the model computes NaN or infinity for this image, so no baseline was written (check the model and its preprocessing)");
            }
        }

        return model with
        {
            Images = [.. images.Select((b, k) => b with { Faithfulness = new FaithfulnessAreas(measures[k].Curves.DeletionAuc, measures[k].Curves.InsertionAuc) })],
            Faithfulness = settings.Recorded,
        };
    }

    /// <summary>A NaN or infinity would make every later comparison meaningless: refused before anything is written.</summary>
    private static void RequireFinite(AuditConfig config, ModelEntry model, ImageEntry image, CamResult cam)
    {
        var bad = !double.IsFinite(cam.PredictedProbability) ? $"its predicted probability is {cam.PredictedProbability}"
            : Array.FindIndex(cam.Map, v => !float.IsFinite(v)) is var at and >= 0 ? $"its map holds {cam.Map[at]} at row {at / cam.MapWidth}, column {at % cam.MapWidth}"
            : null;
        if (bad is not null)
        {
            throw new ConfigException(config.Path, image.Location.Line, image.Location.Column, DiagnosticCodes.ModelProblem,
                $"{model.Name}/{image.Path}: {bad}; the model computes NaN or infinity for this image, so no baseline was written (check the model and its preprocessing)");
        }
    }
}
