using System.Text.Json;
using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Audit.Explanations;

namespace ModelAudit.Core.Reporting;

/// <summary>results.json's "faithfulness" (per image) and "sanity" (per model): present only when the config turns them on.</summary>
internal static class ExplanationJson
{
    public static void WriteFaithfulness(Utf8JsonWriter json, FaithfulnessMeasure measure)
    {
        json.WriteStartObject("faithfulness");
        JsonReportWriter.WriteDouble(json, "deletionAuc", measure.Curves.DeletionAuc);
        JsonReportWriter.WriteDouble(json, "insertionAuc", measure.Curves.InsertionAuc);
        Curve(json, "deletion", measure.Curves.Deletion);
        Curve(json, "insertion", measure.Curves.Insertion);
        JsonReportWriter.WriteDouble(json, "probability", measure.Original);
        JsonReportWriter.WriteDouble(json, "weightedProbability", measure.Weighted);
        JsonReportWriter.WriteDouble(json, "drop", measure.Drop);
        json.WriteBoolean("increased", measure.Increased);
        json.WriteEndObject();
    }

    public static void WriteSanity(Utf8JsonWriter json, SanityReport sanity)
    {
        json.WriteStartObject("sanity");
        json.WriteBoolean("dependsOnWeights", sanity.DependsOnWeights);
        JsonReportWriter.WriteDouble(json, "threshold", sanity.Threshold);
        json.WriteNumber("images", sanity.Images);
        json.WriteStartArray("steps");
        foreach (var step in sanity.Steps)
        {
            json.WriteStartObject();
            json.WriteNumber("layers", step.Layers);
            json.WriteString("layer", step.Layer);
            JsonReportWriter.WriteDouble(json, "spearman", step.Spearman);
            JsonReportWriter.WriteDouble(json, "ssim", step.Ssim);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Curve(Utf8JsonWriter json, string name, IReadOnlyList<double> points)
    {
        json.WriteStartArray(name);
        foreach (var point in points)
        {
            JsonReportWriter.WriteDoubleValue(json, point);
        }

        json.WriteEndArray();
    }
}
