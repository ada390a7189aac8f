using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Onnx.Autodiff.Precision;

namespace ModelAudit.Core.Audit.Running;

/// <summary>The raw outcome of analysing one model's images: CAM results, the images, the layer table.</summary>
internal sealed record ModelAnalysis(
    PreparedModelFacts Facts,
    IReadOnlyList<(ImageEntry Entry, Image Image, CamResult Cam)> Images,
    ExtraPanel ActivationGrids,
    ExtraPanel FilterGrids)
{
    private const int GridLayers = 4;
    private const int GridChannels = 32;

    /// <summary>Analyses one model's images; <paramref name="extras"/> says which optional report panels to compute too.</summary>
    public static ModelAnalysis Run(AuditConfig config, ModelEntry entry, AuditOptions options, ReportExtras extras)
    {
        using var prepared = Located(config, entry.LocationOf("preprocess"), () =>
            PreparedModel.Open(entry.FullPath, entry.Preprocess, options.Settings, entry.Input, entry.Output));
        using var cams = new CamAnalyzer(prepared, options.Settings, entry.LayerHints);
        var method = Located(config, entry.LocationOf("method"), () => CamMethods.Parse(entry.Method));
        var score = Located(config, entry.LocationOf("score"), () => ScoreKinds.Parse(entry.Score));
        var layer = Located(config, entry.LocationOf("layer"), () => cams.ResolveLayer(entry.Layer));

        var loaded = entry.Images
            .Select(i => (Entry: i, Image: Located(config, i.Location, () => ImageFiles.Load(i.FullPath, entry.Preprocess.Limits.Decode(options.Warning)))))
            .ToList();
        var results = new List<(ImageEntry, Image, CamResult)>();
        var done = 0;
        // Images that ask for the same class share batches.
        foreach (var group in loaded.GroupBy(i => i.Entry.Class ?? "top", StringComparer.Ordinal))
        {
            var items = group.ToList();
            var request = new CamRequest(method, layer, ClassChoice.Parse(group.Key, entry.Labels), score, entry.Labels);
            var computed = Located(config, items[0].Entry.Location, () =>
                cams.Compute(items.Select(i => (i.Entry.Path, i.Image)).ToList(), request, options.BatchSize));
            for (var k = 0; k < items.Count; k++)
            {
                results.Add((items[k].Entry, items[k].Image, computed[k]));
            }

            done += items.Count;
            options.Progress?.Report(new AuditProgress(entry.Name, done, loaded.Count));
        }

        // Back to config order, so reports and diagnostics follow the file.
        var order = entry.Images.Select((image, index) => (image, index)).ToDictionary(p => p.image, p => p.index);
        results.Sort((a, b) => order[a.Item1].CompareTo(order[b.Item1]));
        var facts = PreparedModelFacts.Of(prepared, method, layer, entry.Score, cams.DescribeLayer(layer));
        var grids = !extras.Activations ? ExtraPanel.Off("Activation grids")
            : loaded.Count > 0 ? GridsOrNote(prepared, loaded[0].Image) : new ExtraPanel([], null);
        var filters = extras.Filters
            ? FilterPanel.Compute(prepared, options.Settings, entry.Name, layer, ExtrasCache.InReport(options.ReportDirectory))
            : ExtraPanel.Off("Filter patterns");
        return new ModelAnalysis(facts, results, grids, filters);
    }

    /// <summary>An extra never fails the audit: a layer that cannot be drawn leaves a note instead.</summary>
    private static ExtraPanel GridsOrNote(PreparedModel prepared, Image image)
    {
        try
        {
            return new ExtraPanel(Grids(prepared, image), null);
        }
        catch (ModelAuditException e)
        {
            return new ExtraPanel([], $"Activation grids skipped: {e.Message}");
        }
    }

    private static IReadOnlyList<Results.Picture> Grids(PreparedModel prepared, Image image)
    {
        var shape = prepared.InputShape(1);
        // Only maps with some area: 1x1 maps (pooled vectors) draw as blank tiles.
        var shapes = prepared.Runner.ValueShapes(shape);
        var maps = ActivationExtractor.FeatureMaps(prepared.Runner, shape).Where(v => shapes[v][2] * shapes[v][3] >= 16).ToList();
        if (maps.Count == 0)
        {
            return [];
        }

        // A few layers spread from the first to the last feature map: what the network sees, shallow to deep.
        var chosen = Enumerable.Range(0, Math.Min(GridLayers, maps.Count))
            .Select(i => maps[(int)Math.Round(i * (maps.Count - 1) / (double)Math.Max(1, Math.Min(GridLayers, maps.Count) - 1))])
            .Distinct().ToList();
        var tensor = new float[shape.Aggregate(1L, (a, b) => a * b)];
        Preprocessing.Preprocessor.Fill(image, prepared.Spec, tensor);
        var activations = ActivationExtractor.Extract(prepared.Runner, new Runtime.FloatTensor(tensor, shape), chosen);
        return activations.Where(a => a.Shape.Length == 3).Select(a =>
        {
            var channels = Math.Min(GridChannels, a.Channels);
            var plane = a.Data.Length / a.Channels;
            var trimmed = a with { Shape = [channels, a.Shape[1], a.Shape[2]], Data = a.Data.AsSpan(0, channels * plane).ToArray() };
            var grid = ActivationGrid.Render(trimmed);
            var title = $"{a.Layer} [{string.Join(",", a.Shape)}]" + (channels < a.Channels ? $", first {channels} channels" : "");
            return new Results.Picture(title, PngEncoder.Encode(grid), grid.Width, grid.Height);
        }).ToList();
    }

    /// <summary>Runs a step that reads user input; its error points at the config entry that caused it.</summary>
    internal static T Located<T>(AuditConfig config, Results.SourceLocation location, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ModelAuditException e) when (e is not ConfigException)
        {
            throw new ConfigException(config.Path, location.Line, location.Column, DiagnosticCodes.ModelProblem, e.Message);
        }
    }
}

/// <summary>What the report says about how a model was run.</summary>
internal sealed record PreparedModelFacts(string Sha256, string Method, string Layer, string Score, string Preprocessing, string Device,
    IReadOnlyList<Results.LayerRow> Layers, long TotalParameters, LayerGrid? LayerGrid = null, string? GradientPrecision = null)
{
    public static PreparedModelFacts Of(PreparedModel prepared, CamMethod method, string layer, string score, LayerGrid? grid = null)
    {
        var runner = prepared.Runner;
        var shapes = runner.ValueShapes(prepared.InputShape(1));
        var summary = ModelSummarizer.Summarize(runner.Model, shapes);
        var rows = summary.Layers.Select(l => new Results.LayerRow(l.Name, l.OpType,
            string.Join(" ", l.Outputs.Select(o => o.Shape is null ? "?" : "[" + string.Join(",", o.Shape) + "]")), l.Parameters)).ToList();
        return new PreparedModelFacts(runner.Model.Sha256, CamMethods.Name(method), layer, score, prepared.Spec.ToString(),
            runner.Session.DeviceReport, rows, summary.TotalParameters, grid,
            CamMethods.NeedsGradients(method) ? GradientPrecisions.Describe(GradientPrecisions.Of(runner.Model)) : null);
    }
}
