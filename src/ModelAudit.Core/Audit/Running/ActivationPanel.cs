using System.Globalization;
using System.Security.Cryptography;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// The report's activation grids: a few layers, shallow to deep, for the config's first image. They are drawn from
/// the forward pass that maps that image where it can return them unchanged (<see cref="CamAnalyzer.Expose"/>); the
/// other layers run in a session over just the part of the model they need, on the same input. They are cached like the filter
/// patterns, keyed by the model's and the image's bytes, the preprocessing and the layers: a warm audit exposes nothing.
/// </summary>
internal sealed class ActivationPanel
{
    /// <summary>Bump when the layer choice or the drawing changes, so cached grids of the old recipe are not shown.</summary>
    private const int Recipe = 2; // 2: wide maps get fewer columns (ActivationGrid.ColumnsFor)

    private const int GridLayers = 4;
    private const int GridChannels = 32;

    private readonly PreparedModel prepared;
    private readonly string modelName;
    private readonly ExtrasCache? cache;
    private readonly string? key;

    private ActivationPanel(PreparedModel prepared, string modelName, ExtrasCache? cache, string? key, IReadOnlyList<string> layers)
    {
        this.prepared = prepared;
        this.modelName = modelName;
        this.cache = cache;
        this.key = key;
        Layers = layers;
    }

    /// <summary>The layers to draw, as value names.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>
    /// The panel when it needs no forward pass (read from the cache, no layer to draw, or the note of why it is skipped),
    /// else the pending panel that <see cref="Draw"/> finishes. An extra never fails the audit.
    /// </summary>
    public static (ExtraPanel? Done, ActivationPanel? Pending) Start(PreparedModel prepared, string imagePath, string modelName, ExtrasCache? cache)
    {
        try
        {
            var chosen = ChooseLayers(prepared, prepared.InputShape(1));
            if (chosen.Count == 0)
            {
                return (new ExtraPanel([], null), null);
            }

            var key = cache is null ? null : Key(prepared, imagePath, chosen);
            if (key is not null && cache!.Read("activations", modelName, key) is { } cached)
            {
                return (new ExtraPanel(cached, null), null);
            }

            return (null, new ActivationPanel(prepared, modelName, cache, key, chosen));
        }
        catch (ModelAuditException e)
        {
            return (Skipped(e), null);
        }
    }

    /// <summary>
    /// Draws the grids of the image in row <paramref name="row"/> of the preprocessed <paramref name="batch"/>, from the
    /// <paramref name="values"/> the batch's pass returned; a layer missing there runs in a session exposing it, on that row alone.
    /// </summary>
    public ExtraPanel Draw(IReadOnlyDictionary<string, FloatTensor> values, FloatTensor batch, int row)
    {
        try
        {
            var activations = Activations(values, batch, row);
            var grids = activations.Where(a => a.Shape.Length == 3).Select(Picture).ToList();
            if (key is not null)
            {
                cache!.Write("activations", modelName, key, grids);
            }

            return new ExtraPanel(grids, null);
        }
        catch (ModelAuditException e)
        {
            return Skipped(e);
        }
    }

    private static ExtraPanel Skipped(ModelAuditException e) => new([], $"Activation grids skipped: {e.Message}");

    /// <summary>A few layers spread from the first to the last feature map: what the network sees, shallow to deep.</summary>
    private static List<string> ChooseLayers(PreparedModel prepared, long[] shape)
    {
        // Only maps with some area: 1x1 maps (pooled vectors) draw as blank tiles.
        var shapes = prepared.Runner.ValueShapes(shape);
        var maps = ActivationExtractor.FeatureMaps(prepared.Runner, shape).Where(v => shapes[v][2] * shapes[v][3] >= 16).ToList();
        var count = Math.Min(GridLayers, maps.Count);
        return Enumerable.Range(0, count)
            .Select(i => maps[(int)Math.Round(i * (maps.Count - 1) / (double)Math.Max(1, count - 1))])
            .Distinct().ToList();
    }

    /// <summary>
    /// Each layer's values for the one image, batch axis removed: the batch's own where it has them, the others from a
    /// session over just the part of the model they need, run on that image's row.
    /// </summary>
    private List<LayerActivation> Activations(IReadOnlyDictionary<string, FloatTensor> values, FloatTensor batch, int row)
    {
        var perImage = batch.Data.Length / (int)batch.Shape[0];
        var missing = Layers.Where(v => !values.ContainsKey(v)).ToList();
        var extracted = missing.Count == 0 ? [] : prepared.Runner.RunPart(
            new FloatTensor(batch.Data.AsSpan(row * perImage, perImage).ToArray(), [1, .. batch.Shape[1..]]), missing);
        return Layers.Select(v => values.TryGetValue(v, out var tensor) ? Row(v, tensor, row) : Row(v, extracted[missing.IndexOf(v)], 0)).ToList();
    }

    private LayerActivation Row(string value, FloatTensor tensor, int row)
    {
        var size = tensor.Data.Length / (int)tensor.Shape[0];
        return new LayerActivation(value, prepared.Runner.Model.Graph.Producer(value)?.DisplayName ?? value, tensor.Shape[1..],
            tensor.Data.AsSpan(row * size, size).ToArray());
    }

    private static Picture Picture(LayerActivation a)
    {
        var channels = Math.Min(GridChannels, a.Channels);
        var plane = a.Data.Length / a.Channels;
        var trimmed = a with { Shape = [channels, a.Shape[1], a.Shape[2]], Data = a.Data.AsSpan(0, channels * plane).ToArray() };
        var grid = ActivationGrid.Render(trimmed);
        var title = $"{a.Layer} [{string.Join(",", a.Shape)}]" + (channels < a.Channels ? $", first {channels} channels" : "");
        return new Picture(title, PngEncoder.Encode(grid), grid.Width, grid.Height);
    }

    /// <summary>
    /// Everything the grids depend on: the model's and the image file's bytes, the input, the preprocessing,
    /// the layers and the grid settings. Null when the image cannot be read again (then the grids are just computed).
    /// </summary>
    private static string? Key(PreparedModel prepared, string imagePath, IReadOnlyList<string> layers)
    {
        string image;
        try
        {
            using var stream = File.OpenRead(imagePath);
            image = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var s = prepared.Spec;
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"recipe {Recipe}",
            $"model {prepared.Runner.Model.Sha256}",
            $"image {image}",
            $"input {prepared.Runner.Input.Name}",
            "layers " + string.Join('\u001f', layers),
            $"grid {GridLayers} {GridChannels}",
            string.Create(inv, $"space {s.Width}x{s.Height} {s.Resize} {s.PadValue:R} {s.ChannelCount} {s.Channels} {s.Layout} {s.Scale:R}"),
            "mean " + string.Join(' ', s.Mean.Select(v => v.ToString("R", inv))),
            "std " + string.Join(' ', s.Std.Select(v => v.ToString("R", inv))));
    }
}
