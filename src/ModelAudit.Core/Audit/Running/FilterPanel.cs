using System.Globalization;
using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Models;
using ModelAudit.Imaging;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// The report's filter-pattern panel: what the audited layer's first filters respond to (the book's recipe,
/// 40 steps from grey + noise). It depends on the model alone, so it is computed once per model and read
/// from the cache afterwards; it is an extra, so a model without gradient rules gets a note, never a failure.
/// </summary>
internal static class FilterPanel
{
    /// <summary>Bump when the ascent or the drawing changes, so cached pictures of the old recipe are not shown.</summary>
    private const int Recipe = 2;

    /// <summary>How many filters of the audited layer the report shows.</summary>
    private const int Filters = 8;

    private static readonly FilterAscentOptions Ascent = new(Size: 64);

    public static ExtraPanel Compute(PreparedModel prepared, SessionSettings settings, string modelName, string layer, ExtrasCache? cache)
    {
        var key = Key(prepared, layer);
        if (cache?.Read("filters", modelName, key) is [var cached])
        {
            return new ExtraPanel([cached], null);
        }

        try
        {
            using var visualizer = new FilterVisualizer(prepared, settings);
            var count = Math.Min(Filters, visualizer.LayerChannels(layer, Ascent));
            var climbed = visualizer.ClimbedValue(layer);
            var patterns = visualizer.Layer(layer, Enumerable.Range(0, count).ToList(), Ascent);
            var grid = FilterGrid.Render(patterns);
            var how = climbed == layer ? "gradient ascent" : $"gradient ascent on its input {climbed}";
            var picture = new Picture($"{layer}: filters 0-{count - 1}, {how}", PngEncoder.Encode(grid), grid.Width, grid.Height);
            cache?.Write("filters", modelName, key, [picture]);
            return new ExtraPanel([picture], null);
        }
        catch (Exception e) when (e is ModelAuditException or UnsupportedGradientException)
        {
            return new ExtraPanel([], Skipped(e));
        }
    }

    /// <summary>"... skipped because the model has no gradient rule for node X" when that is why; else the error's own line.</summary>
    internal static string Skipped(Exception e)
    {
        var unsupported = e as UnsupportedGradientException ?? e.InnerException as UnsupportedGradientException;
        return unsupported is { NodeName.Length: > 0 }
            ? $"Filter patterns skipped: the model has no gradient rule for node '{unsupported.NodeName}' (operator {unsupported.OpType}); the audit itself does not need one."
            : $"Filter patterns skipped: {e.Message}";
    }

    /// <summary>Everything the pictures depend on: the model's bytes, the layer, the ascent and the input space.</summary>
    private static string Key(PreparedModel prepared, string layer)
    {
        var s = prepared.Spec;
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"recipe {Recipe}",
            $"model {prepared.Runner.Model.Sha256}",
            $"input {prepared.Runner.Input.Name}",
            $"layer {layer}",
            $"filters {Filters}",
            string.Create(inv, $"ascent {Ascent.Size} {Ascent.Steps} {Ascent.Step:R} {Ascent.Seed} {Ascent.Robust}"),
            string.Create(inv, $"space {s.Width}x{s.Height} {s.ChannelCount} {s.Channels} {s.Layout} {s.Scale:R}"),
            "mean " + string.Join(' ', s.Mean.Select(v => v.ToString("R", inv))),
            "std " + string.Join(' ', s.Std.Select(v => v.ToString("R", inv))));
    }
}
