using System.Globalization;
using System.Security.Cryptography;
using ModelAudit.Core.Analysis;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// The report's activation grids: a few layers, shallow to deep, for the config's first image. Running them
/// opens a session of their own (the layers exposed as outputs), so they are cached like the filter patterns,
/// keyed by the model's and the image's bytes, the preprocessing and the layers: a warm audit opens none.
/// </summary>
internal static class ActivationPanel
{
    /// <summary>Bump when the layer choice or the drawing changes, so cached grids of the old recipe are not shown.</summary>
    private const int Recipe = 1;

    private const int GridLayers = 4;
    private const int GridChannels = 32;

    /// <summary>An extra never fails the audit: a layer that cannot be drawn leaves a note instead.</summary>
    public static ExtraPanel Compute(PreparedModel prepared, Image image, string imagePath, string modelName, ExtrasCache? cache)
    {
        try
        {
            var shape = prepared.InputShape(1);
            var chosen = Layers(prepared, shape);
            if (chosen.Count == 0)
            {
                return new ExtraPanel([], null);
            }

            var key = cache is null ? null : Key(prepared, imagePath, chosen);
            if (key is not null && cache!.Read("activations", modelName, key) is { } cached)
            {
                return new ExtraPanel(cached, null);
            }

            var grids = Grids(prepared, image, shape, chosen);
            if (key is not null)
            {
                cache!.Write("activations", modelName, key, grids);
            }

            return new ExtraPanel(grids, null);
        }
        catch (ModelAuditException e)
        {
            return new ExtraPanel([], $"Activation grids skipped: {e.Message}");
        }
    }

    /// <summary>A few layers spread from the first to the last feature map: what the network sees, shallow to deep.</summary>
    private static List<string> Layers(PreparedModel prepared, long[] shape)
    {
        // Only maps with some area: 1x1 maps (pooled vectors) draw as blank tiles.
        var shapes = prepared.Runner.ValueShapes(shape);
        var maps = ActivationExtractor.FeatureMaps(prepared.Runner, shape).Where(v => shapes[v][2] * shapes[v][3] >= 16).ToList();
        var count = Math.Min(GridLayers, maps.Count);
        return Enumerable.Range(0, count)
            .Select(i => maps[(int)Math.Round(i * (maps.Count - 1) / (double)Math.Max(1, count - 1))])
            .Distinct().ToList();
    }

    private static List<Picture> Grids(PreparedModel prepared, Image image, long[] shape, List<string> chosen)
    {
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
            return new Picture(title, PngEncoder.Encode(grid), grid.Width, grid.Height);
        }).ToList();
    }

    /// <summary>
    /// Everything the grids depend on: the model's and the image file's bytes, the input, the preprocessing,
    /// the layers and the grid settings. Null when the image cannot be read again (then the grids are just computed).
    /// </summary>
    private static string? Key(PreparedModel prepared, string imagePath, List<string> layers)
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
