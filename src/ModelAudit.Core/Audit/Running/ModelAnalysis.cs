using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Layers;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Audit.Running;

/// <summary>One analysed image, handed to the measuring step: its map (whose placement gives the original size) and, when asked for, its bounded thumbnail. The decoded picture is gone by then.</summary>
/// <param name="Index">The image's position in the model's list in modelaudit.json (results are reported in that order).</param>
internal sealed record AnalysedImage(ImageEntry Entry, int Index, Image? Thumbnail, CamResult Cam);

/// <summary>
/// One model opened for the audit: its facts (hash, method, resolved layer, layer table), then its images
/// analysed one batch at a time. Each image is decoded, preprocessed into its slot of the batch tensor and
/// thumbnailed, then dropped, before the next is decoded; the batch is mapped and each image handed to the
/// measuring step. So at most one full-size picture exists at a time, and what outlives it is model-size
/// floats, a bounded thumbnail and numbers: peak memory does not grow with the number or the size of the images.
/// </summary>
internal sealed class ModelAnalysis : IDisposable
{
    private readonly AuditConfig config;
    private readonly ModelEntry entry;
    private readonly AuditOptions options;
    private readonly PreparedModel prepared;
    private readonly CamAnalyzer cams;
    private readonly CamMethod method;
    private readonly ScoreKind score;

    private ModelAnalysis(AuditConfig config, ModelEntry entry, AuditOptions options, PreparedModel prepared)
    {
        this.config = config;
        this.entry = entry;
        this.options = options;
        this.prepared = prepared;
        cams = new CamAnalyzer(prepared, options.Settings, entry.LayerHints);
        try
        {
            method = Located(config, entry.LocationOf("method"), () => CamMethods.Parse(entry.Method));
            score = Located(config, entry.LocationOf("score"), () => ScoreKinds.Parse(entry.Score));
            LayerFit = Located(config, entry.LocationOf("layer"), FitLayer);
            Layer = LayerFit.Value;
            if (Layer == prepared.Runner.Input.Name)
            {
                // CAM would run on the pixels themselves: a typo'd layer that happens to name the input (PaddleOCR's "x").
                var at = entry.LocationOf("layer");
                throw new ConfigException(config.Path, at.Line, at.Column, DiagnosticCodes.ModelProblem,
                    $"{prepared.Runner.Path}: '{Layer}' is the model's input, not a layer; give a layer a node computes (`modelaudit summary` lists them)");
            }

            Facts = PreparedModelFacts.Of(prepared, method, Layer, entry.Score, cams.DescribeLayer(Layer));
        }
        catch
        {
            cams.Dispose();
            throw;
        }
    }

    /// <summary>The value the maps are taken from ("auto" resolved).</summary>
    public string Layer { get; }

    public PreparedModelFacts Facts { get; }

    /// <summary>Why "auto" chose <see cref="Layer"/>, and MA1108 when its cells are larger than the smallest expected region.</summary>
    public LayerFit LayerFit { get; }

    /// <summary>Sees each decoded picture as it is made: lets tests check that none outlives its preprocessing.</summary>
    internal Action<Image>? Decoded { get; set; }

    /// <summary>Sessions opened with intermediate values exposed (tests: cached activation grids open none).</summary>
    internal int ExposingSessions => prepared.Runner.ExposingSessions;

    /// <summary>Where the model ran; read after <see cref="Images"/>, so it names the session the maps came from.</summary>
    public string Device => prepared.DeviceReport;

    public static ModelAnalysis Open(AuditConfig config, ModelEntry entry, AuditOptions options)
    {
        var prepared = Located(config, entry.LocationOf("preprocess"), () =>
            PreparedModel.Open(entry.FullPath, entry.Preprocess, options.Settings, entry.Input, entry.Output));
        try
        {
            return new ModelAnalysis(config, entry, options, prepared);
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Maps every image, batch by batch, and hands each to <paramref name="measure"/> in the order analysed
    /// (images asking for the same class share batches; <see cref="AnalysedImage.Index"/> gives config order).
    /// Returns the activation-grid panel of the config's first image, drawn from the forward pass of its batch (or read
    /// from <paramref name="cache"/>).
    /// </summary>
    /// <param name="thumbnails">Whether <see cref="AnalysedImage.Thumbnail"/> is made (the report needs it, a baseline does not).</param>
    public ExtraPanel Images(bool activationGrids, Action<AnalysedImage> measure, bool thumbnails = false, ExtrasCache? cache = null)
    {
        var (grids, pending) = !activationGrids ? (ExtraPanel.Off("Activation grids"), null)
            : entry.Images.Count == 0 ? (new ExtraPanel([], null), null)
            : ActivationPanel.Start(prepared, entry.Images[0].FullPath, entry.Name, cache);
        if (pending is not null)
        {
            cams.Expose(pending.Layers, method, Layer);
        }

        var batch = BatchLimit.For(prepared.Runner, options.BatchSize);
        var indexed = entry.Images.Select((image, index) => (Entry: image, Index: index)).ToList();
        var done = 0;
        foreach (var group in indexed.GroupBy(i => i.Entry.Class ?? "top", StringComparer.Ordinal))
        {
            var request = new CamRequest(method, Layer, ClassChoice.Parse(group.Key, entry.Labels), score, entry.Labels);
            foreach (var chunk in group.Chunk(batch))
            {
                var inputs = new InputBatch(prepared.Spec, chunk.Length);
                var kept = new Image?[chunk.Length];
                for (var k = 0; k < chunk.Length; k++)
                {
                    var image = chunk[k].Entry;
                    kept[k] = Located(config, image.Location, () => Prepare(image, inputs, thumbnails));
                    PictureMemory.Dropped(inputs.Placements[k].ImageWidth, inputs.Placements[k].ImageHeight);
                }

                // The first image's grids come from the pass that maps it: only its batch copies the exposed layers out.
                var row = pending is null ? -1 : Array.FindIndex(chunk, c => c.Index == 0);
                Action<IReadOnlyDictionary<string, FloatTensor>>? exposed = row < 0 ? null
                    : values => grids = pending!.Draw(values, new FloatTensor(inputs.Data, inputs.Shape), row);
                var computed = Located(config, chunk[0].Entry.Location, () => cams.Compute(inputs, request, batch, exposedValues: exposed));
                for (var k = 0; k < chunk.Length; k++)
                {
                    measure(new AnalysedImage(chunk[k].Entry, chunk[k].Index, kept[k], computed[k]));
                    // Measuring made the map and region mask at the picture's size; they are garbage now.
                    PictureMemory.Dropped(computed[k].Placement.ImageWidth, computed[k].Placement.ImageHeight);
                }

                done += chunk.Length;
                options.Progress?.Report(new AuditProgress(entry.Name, done, indexed.Count));
            }
        }

        // Drawn by the first image's batch (Compute always reports the exposed values it was asked for).
        return grids ?? new ExtraPanel([], null);
    }

    /// <summary>"auto" by cell size over the model's regions (all of them, also in a shard); a named layer is kept and checked.</summary>
    private LayerFit FitLayer()
    {
        var regions = RegionExtent.Of(entry.LayerFitImages ?? entry.Images, prepared.Spec);
        var maps = cams.FeatureMaps();
        if (string.Equals(entry.Layer, LayerLocator.Auto, StringComparison.OrdinalIgnoreCase) && maps.Count > 0)
        {
            var chosen = LayerFit.Choose(entry.Name, maps, regions, prepared.Spec);
            cams.ResolveLayer(chosen.Value);
            return chosen;
        }

        // "auto" without a feature map fails here, with the locator's message.
        var value = cams.ResolveLayer(entry.Layer);
        return LayerFit.Check(entry.Name, value, cams.DescribeLayer(value), maps, regions, prepared.Spec);
    }

    /// <summary>
    /// Decodes one image into its batch slot (and its thumbnail when asked); the decoded picture is a local of this
    /// method alone, so it is garbage once this returns, even in a debug build.
    /// </summary>
    private Image? Prepare(ImageEntry image, InputBatch inputs, bool thumbnail)
    {
        var decoded = Decode(entry, image, options);
        Decoded?.Invoke(decoded);
        inputs.Add(image.Path, decoded);
        return thumbnail ? Thumbnails.Of(decoded) : null;
    }

    /// <summary>
    /// Decodes one of the model's images within the config's limits: every step that reads the model's images (the
    /// analysis, faithfulness, the sanity check) decodes through here, so none accepts or refuses what another did not.
    /// </summary>
    internal static Image Decode(ModelEntry entry, ImageEntry image, AuditOptions options) =>
        ImageFiles.Load(image.FullPath, entry.Preprocess.Limits.Decode(options.Warning));

    /// <summary>The filter-pattern panel of the audited layer (cached per model in the report folder).</summary>
    public ExtraPanel FilterPatterns(ExtrasCache cache) =>
        FilterPanel.Compute(prepared, options.Settings, entry.Name, Layer, cache);

    public void Dispose()
    {
        cams.Dispose();
        prepared.Dispose();
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
