using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Models;

namespace ModelAudit.Core.Audit.Explanations;

/// <summary>
/// Measures the faithfulness of a model's maps after they were made, one image at a time, through a plain session of
/// its own: the audit and `baseline accept` both measure this way, so an unchanged model accepts the areas it audits.
/// </summary>
internal static class FaithfulnessRun
{
    /// <summary>A map to measure: the image's entry, its low-resolution map and the class it explains.</summary>
    public readonly record struct Item(ImageEntry Source, float[] Map, int MapWidth, int MapHeight, int Class);

    public static List<FaithfulnessMeasure> Measure(AuditConfig config, ModelEntry entry, AuditOptions options, FaithfulnessSettings settings,
        IReadOnlyList<Item> items)
    {
        if (items.Count == 0)
        {
            // A shard may hold none of a model's images: no session to open for nothing.
            return [];
        }

        using var prepared = ModelAnalysis.Located(config, entry.LocationOf("preprocess"), () =>
            PreparedModel.Open(entry.FullPath, entry.Preprocess, options.Settings, entry.Input, entry.Output));
        using var analyzer = new FaithfulnessAnalyzer(prepared, options.Settings);
        var measures = new List<FaithfulnessMeasure>(items.Count);
        foreach (var item in items)
        {
            var (measure, width, height) = MeasureOne(config, entry, options, settings, analyzer, item);
            measures.Add(measure);
            // As in the analysis: a photo leaves hundreds of MB of large-object garbage the GC would let pile up.
            PictureMemory.Dropped(width, height);
        }

        return measures;
    }

    /// <summary>
    /// Decodes one image again (the audit keeps no pictures) and measures its map; the picture is a local of this
    /// method alone, so it is garbage once this returns, even in a debug build.
    /// </summary>
    private static (FaithfulnessMeasure Measure, int Width, int Height) MeasureOne(AuditConfig config, ModelEntry entry, AuditOptions options,
        FaithfulnessSettings settings, FaithfulnessAnalyzer analyzer, Item item)
    {
        var picture = ModelAnalysis.Located(config, item.Source.Location, () => ModelAnalysis.Decode(entry, item.Source, options));
        var measure = ModelAnalysis.Located(config, item.Source.Location, () =>
            analyzer.Measure(picture, item.Map, item.MapWidth, item.MapHeight, item.Class, settings.Options, options.BatchSize));
        return (measure, picture.Width, picture.Height);
    }
}
