using System.Globalization;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>Turns the audit results into the already-formatted view the templates render.</summary>
internal static class HtmlReportModelBuilder
{
    // Small layer tables are shown open; a 300-layer network starts folded so the cards stay in view.
    private const int OpenLayerTableLimit = 40;

    // Text lines and banners: side by side they would shrink to slivers, so their card stacks the pictures.
    private const int WideAspect = 2;

    public static ReportView Build(AuditReport report, string styles)
    {
        var verdict = new VerdictView(
            report.Passed,
            report.Passed ? "pass" : "fail",
            report.Passed ? "Passed" : "Failed",
            report.CheckCount,
            report.FailedCheckCount,
            ReportText.WarningCount(report),
            report.Findings.Count(f => f.Severity == Severity.Error),
            report.Models.Count,
            ReportText.ImageCount(report),
            report.FailOn,
            report.ToolVersion,
            report.ConfigPath);
        var findings = report.Findings
            .Select(f => new FindingView(
                ReportText.Severity(f.Severity),
                f.Code,
                $"{Path.GetFileName(f.File)}({Integer(f.Line)},{Integer(f.Column)})",
                f.Message))
            .ToList();
        var models = report.Models.Select((m, i) => Model(m, i + 1)).ToList();
        return new ReportView(verdict, findings, models, new TrustedHtml(styles));
    }

    private static ModelView Model(ModelResult model, int number)
    {
        var anchor = $"model-{Integer(number)}";
        var images = model.Images.Select((image, i) => Image(image, $"{anchor}-image-{Integer(i + 1)}")).ToList();
        return new ModelView(
            anchor,
            model.Name,
            model.Path,
            model.Sha256,
            ReportText.ShortHash(model.Sha256),
            model.BaselineSha256,
            model.ModelChanged,
            model.Method,
            model.Layer,
            model.Score,
            model.Preprocessing,
            model.Device,
            model.Images.All(i => i.Passed) ? "pass" : "fail",
            model.Images.Count,
            model.Images.Count(i => !i.Passed),
            images,
            model.ActivationGrids.Select(Picture).ToList(),
            model.FilterGrids.Select(Picture).ToList(),
            model.ActivationGridsNote,
            model.FilterGridsNote,
            model.Layers.Select(l => new LayerView(l.Name, l.Op, l.Shape, Thousands(l.Parameters))).ToList(),
            model.Layers.Count,
            model.Layers.Count <= OpenLayerTableLimit,
            Thousands(model.TotalParameters))
        {
            Sanity = model.Sanity is { } sanity ? SanityView.Of(sanity) : null,
        };
    }

    private static ImageCardView Image(ImageResult image, string anchor) => new(
        anchor,
        image.Path,
        image.Passed ? "pass" : "fail",
        $"line {Integer(image.Location.Line)}, column {Integer(image.Location.Column)}",
        image.Width >= WideAspect * image.Height,
        image.Width,
        image.Height,
        DataUri.Png(image.ImagePng),
        DataUri.Png(image.OverlayPng),
        image.BaselineOverlayPng is { } baseline ? DataUri.Png(baseline) : null,
        image.Regions.Select(r => new RegionView(r.Kind, RegionOutline.Points(r))).ToList(),
        ReportText.Class(image.Class, image.ClassLabel),
        ReportText.Class(image.PredictedClass, image.PredictedLabel),
        ReportText.Percent(image.PredictedProbability),
        image.PredictedClass == image.Class,
        image.Checks.Select(Check).ToList(),
        image.Baseline is { } b ? Baseline(b) : null)
    {
        Faithfulness = image.Faithfulness is { } f ? FaithfulnessView.Of(f) : null,
    };

    private static CheckView Check(CheckResult check) => new(
        check.Id,
        check.Title,
        ReportText.Number(check.Value),
        ReportText.Bar(check),
        ReportText.Status(check.Status),
        check.Code,
        check.Message);

    private static BaselineView Baseline(BaselineComparison baseline) => new(
        ReportText.Number(baseline.Correlation),
        ReportText.Number(baseline.CenterShiftPixels) + " px",
        Integer(baseline.BaselineClass),
        ReportText.Percent(baseline.BaselineProbability),
        ReportText.Number(baseline.BaselineRelevanceMass));

    private static PictureView Picture(Picture picture) =>
        new(picture.Title, DataUri.Png(picture.Png), picture.Width, picture.Height);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
