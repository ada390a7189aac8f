using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Baselines;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Metrics;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting.Maps;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Processing;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// Analyses one model's images batch by batch, measures each against its regions and baseline as it comes,
/// and keeps only what the report needs of it: numbers, the low-resolution map, and the thumbnail and its maps
/// already drawn as PNG (the thumbnail and the maps at its size are garbage once the image is done).
/// </summary>
internal static class ModelResultBuilder
{
    public static ModelResult Build(AuditConfig config, ModelEntry entry, AuditOptions options, BaselineModel? baseline, ExtrasCache cache)
    {
        using var analysis = ModelAnalysis.Open(config, entry, options);
        var facts = analysis.Facts;
        var how = $"{facts.Method} at {facts.Layer}";
        var images = new ImageResult[entry.Images.Count];
        var grids = analysis.Images(config.Report.Activations, x => images[x.Index] = Image(entry, x, baseline, how, options.FailOn), thumbnails: true, cache: cache);
        var filters = config.Report.Filters ? analysis.FilterPatterns(cache) : ExtraPanel.Off("Filter patterns");
        return new ModelResult
        {
            Name = entry.Name,
            Path = entry.Path,
            Location = entry.Location,
            ActivationsImage = grids.Pictures.Count > 0 && entry.Images.Count > 0 ? entry.Images[0].Path : null,
            Sha256 = facts.Sha256,
            BaselineSha256 = baseline?.ModelSha256,
            Method = facts.Method,
            Layer = facts.Layer,
            LayerChoice = analysis.LayerFit.Choice,
            LayerWarning = analysis.LayerFit.Warning,
            LayerLayout = facts.LayerGrid is { } grid ? LayerLayouts.Name(grid.Layout) : "nchw",
            SkippedTokens = facts.LayerGrid?.SkippedTokens ?? 0,
            Score = facts.Score,
            Preprocessing = facts.Preprocessing,
            Device = analysis.Device,
            GradientPrecision = facts.GradientPrecision,
            Images = images,
            Layers = facts.Layers,
            TotalParameters = facts.TotalParameters,
            ActivationGrids = grids.Pictures,
            ActivationGridsNote = grids.Note,
            FilterGrids = filters.Pictures,
            FilterGridsNote = filters.Note,
        };
    }

    private static ImageResult Image(ModelEntry model, AnalysedImage analysed, BaselineModel? baseline, string how, FailLevel failOn)
    {
        var (entry, cam) = (analysed.Entry, analysed.Cam);
        var thumbnail = analysed.Thumbnail ?? throw new InvalidOperationException("the audit asks for thumbnails");
        var label = $"{model.Name}/{entry.Path}";
        var (_, metrics) = LocalizationMeasure.Of(entry, cam);
        var checks = new List<CheckResult>();
        if (entry.Class is not null && cam.PredictedClass != cam.Class)
        {
            checks.Add(new CheckResult
            {
                Id = "prediction",
                Title = "Prediction",
                Value = cam.PredictedClass,
                Threshold = cam.Class,
                Comparison = "==",
                Status = CheckStatus.Fail,
                Code = DiagnosticCodes.UnexpectedPrediction,
                Message = $"{label}: predicted class {Describe(cam.PredictedClass, model.Labels)} ({cam.PredictedProbability:0.00}), expected {Describe(cam.Class, model.Labels)}",
            });
        }

        checks.AddRange(LocalizationChecks.For(metrics, entry.Thresholds, label, how));
        var stored = baseline?.Images.FirstOrDefault(b => b.ImagePath == entry.Path);
        var predictedLabel = Label(cam.PredictedClass, model.Labels);
        BaselineComparison? comparison = null;
        float[]? baselinePictureMap = null;
        if (stored is not null)
        {
            // A changed model may map at another resolution: compare at the current one.
            var storedMap = stored.MapWidth == cam.MapWidth && stored.MapHeight == cam.MapHeight
                ? stored.Map
                : Resizer.Resize(stored.Map, stored.MapWidth, stored.MapHeight, cam.MapWidth, cam.MapHeight);
            var drift = DriftCalculator.Compute(cam.Map, storedMap, cam.MapWidth, cam.MapHeight, cam.Placement.ImageWidth, cam.Placement.ImageHeight);
            comparison = new BaselineComparison(drift.Correlation, drift.CenterShiftPixels, stored.Class, stored.Probability, stored.RelevanceMass,
                Label(stored.Class, model.Labels));
            checks.AddRange(BaselineChecks.For(comparison, metrics.RelevanceMass, cam.PredictedClass, predictedLabel, entry.Thresholds, label, how));
            var old = cam with { Map = stored.Map, MapWidth = stored.MapWidth, MapHeight = stored.MapHeight };
            baselinePictureMap = CamProjection.ToImage(old, thumbnail.Width, thumbnail.Height);
        }

        return new ImageResult
        {
            Path = entry.Path,
            Width = cam.Placement.ImageWidth,
            Height = cam.Placement.ImageHeight,
            Location = entry.Location,
            Class = cam.Class,
            ClassLabel = cam.Label,
            PredictedClass = cam.PredictedClass,
            PredictedLabel = predictedLabel,
            PredictedProbability = cam.PredictedProbability,
            Regions = entry.Regions.Select(r => r.Shape()).ToList(),
            Checks = checks.Select(c => FailLevels.Gate(c, failOn)).ToList(),
            Placement = cam.Placement,
            ImagePng = PngEncoder.Encode(thumbnail),
            Maps = MapPainter.Paint(thumbnail, CamProjection.ToImage(cam, thumbnail.Width, thumbnail.Height), baselinePictureMap, entry.Thresholds.IouTopPercent),
            TopPercent = entry.Thresholds.IouTopPercent,
            Map = cam.Map,
            MapWidth = cam.MapWidth,
            MapHeight = cam.MapHeight,
            BaselineMap = stored?.Map,
            BaselineMapWidth = stored?.MapWidth ?? 0,
            BaselineMapHeight = stored?.MapHeight ?? 0,
            Baseline = comparison,
        };
    }

    private static string Describe(int cls, IReadOnlyList<string>? labels) =>
        labels is not null && cls < labels.Count ? $"'{labels[cls]}'" : cls.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Label(int cls, IReadOnlyList<string>? labels) =>
        labels is not null && cls >= 0 && cls < labels.Count ? labels[cls] : null;
}
