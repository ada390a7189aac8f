using ModelAudit.Core.Analysis;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Audit.Running;

/// <summary>The report's activation grids: a few layers, shallow to deep, for the config's first image.</summary>
internal static class ActivationPanel
{
    private const int GridLayers = 4;
    private const int GridChannels = 32;

    /// <summary>An extra never fails the audit: a layer that cannot be drawn leaves a note instead.</summary>
    public static ExtraPanel Compute(PreparedModel prepared, Image image)
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

    private static IReadOnlyList<Picture> Grids(PreparedModel prepared, Image image)
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
            return new Picture(title, PngEncoder.Encode(grid), grid.Width, grid.Height);
        }).ToList();
    }
}
