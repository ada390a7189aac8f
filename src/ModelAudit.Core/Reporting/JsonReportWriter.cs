using System.Text.Encodings.Web;
using System.Text.Json;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// results.json, the stable machine contract: versioned by <see cref="AuditReport.SchemaVersion"/>, camelCase
/// names written by hand in a fixed order (config order for models, images and checks) so two runs over the
/// same inputs give the same bytes. Pictures and maps stay out: they belong to the HTML report and the baseline.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // LF on every OS: the same inputs give the same bytes on Windows and Linux.
        NewLine = "\n",

        // Paths and messages stay readable ('<', '&', non-ASCII) — this is a data file, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string FileName => "results.json";

    public void Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.Write(Path.Combine(directory, FileName), Render(report));
    }

    internal static byte[] Render(AuditReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", AuditReport.SchemaVersion);
            json.WriteString("toolVersion", report.ToolVersion);
            json.WriteString("config", report.ConfigPath);
            json.WriteString("failOn", report.FailOn);
            json.WriteBoolean("passed", report.Passed);
            WriteSummary(json, report);
            json.WriteStartArray("models");
            foreach (var model in report.Models)
            {
                WriteModel(json, model);
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(json, finding);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteSummary(Utf8JsonWriter json, AuditReport report)
    {
        var counts = ReportCounts.Of(report);
        json.WriteStartObject("summary");
        json.WriteString("verdict", counts.Verdict.ToLowerInvariant());
        json.WriteString("text", counts.Sentence());
        json.WriteNumber("models", counts.Models);
        json.WriteNumber("images", counts.Images);
        json.WriteNumber("failedImages", counts.FailedImages);
        json.WriteNumber("checks", counts.Checks);
        json.WriteNumber("failedChecks", counts.FailedChecks);
        json.WriteNumber("findings", counts.Findings);
        json.WriteNumber("warnings", counts.Warnings);
        json.WriteNumber("errors", counts.Errors);
        json.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter json, ModelResult model)
    {
        json.WriteStartObject();
        json.WriteString("name", model.Name);
        json.WriteString("path", model.Path);
        json.WriteString("sha256", model.Sha256);
        json.WriteString("baselineSha256", model.BaselineSha256);
        json.WriteBoolean("modelChanged", model.ModelChanged);
        json.WriteString("method", model.Method);
        json.WriteString("layer", model.Layer);
        // Why `"layer": "auto"` took this layer (null when the config named it): the sentence the console printed.
        json.WriteString("layerChoice", model.LayerChoice);
        json.WriteString("layerLayout", model.LayerLayout);
        json.WriteNumber("skippedTokens", model.SkippedTokens);
        json.WriteString("score", model.Score);
        json.WriteString("preprocessing", model.Preprocessing);
        json.WriteString("device", model.Device);
        json.WriteNumber("totalParameters", model.TotalParameters);
        json.WriteStartArray("images");
        foreach (var image in model.Images)
        {
            WriteImage(json, image);
        }

        json.WriteEndArray();
        json.WriteStartArray("layers");
        foreach (var layer in model.Layers)
        {
            json.WriteStartObject();
            json.WriteString("name", layer.Name);
            json.WriteString("op", layer.Op);
            json.WriteString("shape", layer.Shape);
            json.WriteNumber("parameters", layer.Parameters);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (model.Sanity is { } sanity)
        {
            ExplanationJson.WriteSanity(json, sanity);
        }

        json.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter json, ImageResult image)
    {
        json.WriteStartObject();
        json.WriteString("path", image.Path);
        json.WriteNumber("width", image.Width);
        json.WriteNumber("height", image.Height);
        json.WriteStartObject("location");
        json.WriteNumber("line", image.Location.Line);
        json.WriteNumber("column", image.Location.Column);
        json.WriteEndObject();
        json.WriteBoolean("passed", image.Passed);
        json.WriteNumber("class", image.Class);
        json.WriteString("classLabel", image.ClassLabel);
        json.WriteNumber("predictedClass", image.PredictedClass);
        json.WriteString("predictedLabel", image.PredictedLabel);
        WriteDouble(json, "predictedProbability", image.PredictedProbability);
        json.WriteStartObject("map");
        json.WriteNumber("width", image.MapWidth);
        json.WriteNumber("height", image.MapHeight);
        json.WriteEndObject();
        json.WriteStartArray("regions");
        foreach (var region in image.Regions)
        {
            WriteRegion(json, region);
        }

        json.WriteEndArray();
        json.WriteStartArray("checks");
        foreach (var check in image.Checks)
        {
            WriteCheck(json, check);
        }

        json.WriteEndArray();
        WriteBaseline(json, image.Baseline);
        if (image.Faithfulness is { } faithfulness)
        {
            ExplanationJson.WriteFaithfulness(json, faithfulness);
        }

        json.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter json, RegionShape region)
    {
        json.WriteStartObject();
        json.WriteString("kind", region.Kind);
        json.WriteStartArray("points");
        foreach (var (x, y) in region.Points)
        {
            json.WriteStartArray();
            WriteDoubleValue(json, x);
            WriteDoubleValue(json, y);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter json, CheckResult check)
    {
        json.WriteStartObject();
        json.WriteString("id", check.Id);
        json.WriteString("title", check.Title);
        json.WriteString("status", ReportText.Status(check.Status));
        json.WriteString("code", check.Code);
        WriteDouble(json, "value", check.Value);
        WriteDouble(json, "threshold", check.Threshold);
        json.WriteString("comparison", check.Comparison);
        json.WriteBoolean("isRegression", check.IsRegression);
        json.WriteString("message", check.Message);
        json.WriteEndObject();
    }

    private static void WriteBaseline(Utf8JsonWriter json, BaselineComparison? baseline)
    {
        if (baseline is null)
        {
            json.WriteNull("baseline");
            return;
        }

        json.WriteStartObject("baseline");
        WriteDouble(json, "correlation", baseline.Correlation);
        WriteDouble(json, "centerShiftPixels", baseline.CenterShiftPixels);
        json.WriteNumber("class", baseline.BaselineClass);
        WriteDouble(json, "probability", baseline.BaselineProbability);
        WriteDouble(json, "relevanceMass", baseline.BaselineRelevanceMass);
        if (baseline.BaselineFaithfulness is { } areas)
        {
            // Only where compared (faithfulness on now and measured alike at accept): the check faithfulness-drop has the difference.
            WriteDouble(json, "deletionAuc", areas.DeletionAuc);
            WriteDouble(json, "insertionAuc", areas.InsertionAuc);
        }

        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("severity", ReportText.Severity(finding.Severity));
        json.WriteString("code", finding.Code);
        json.WriteString("file", finding.File);
        json.WriteNumber("line", finding.Line);
        json.WriteNumber("column", finding.Column);
        json.WriteString("message", finding.Message);
        json.WriteEndObject();
    }

    // JSON has no NaN or infinity: an undefined number is written as null rather than failing the whole report.
    internal static void WriteDouble(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static void WriteDoubleValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
