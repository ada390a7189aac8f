using System.Globalization;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>Turns the audit results into the already-formatted view the templates render.</summary>
internal static class HtmlReportModelBuilder
{
    // Small layer tables are shown open; a 300-layer network starts folded so the cards stay in view.
    private const int OpenLayerTableLimit = 40;

    // A short findings list is open; a long one would push the cards out of view, and the failing-images table
    // above it already links every failed check.
    private const int OpenFindingsLimit = 8;

    // Text lines and banners: side by side they would shrink to slivers, so their card stacks the pictures.
    private const int WideAspect = 2;

    public static ReportView Build(AuditReport report, string styles)
    {
        var counts = ReportCounts.Of(report);
        var verdict = new VerdictView(
            counts.Status,
            counts.Verdict,
            counts.Sentence(),
            counts.Checks,
            counts.Errors,
            counts.Warnings,
            counts.Findings,
            counts.Models,
            counts.Images,
            counts.FailedImages,
            report.FailOn,
            report.ToolVersion,
            report.ConfigPath);
        var models = report.Models.Select((m, i) => Model(m, i + 1)).ToList();
        var findings = report.Findings
            .Where(f => f.Severity != Severity.Info)
            .Select(f => new FindingView(
                ReportText.Severity(f.Severity),
                f.Code,
                $"{Path.GetFileName(f.File)}({Integer(f.Line)},{Integer(f.Column)})",
                f.Message,
                "#" + Target(f, report, models)))
            .ToList();
        var failing = models
            .Where(m => m.FailedImageCount > 0)
            .Select(m => new FailingModelView(
                m.Anchor,
                m.Name,
                m.FailedImageCount,
                m.ImageCount,
                m.Images.Where(i => i.Status == "fail")
                    .Select(i => new FailingImageView(i.Anchor, i.Path, i.FailedChecks
                        .Select(c => new CheckLinkView(c.Anchor, c.Title, c.Value, c.Bar, c.Code)).ToList()))
                    .ToList()))
            .ToList();
        return new ReportView(verdict, failing, findings, findings.Count <= OpenFindingsLimit, models, new TrustedHtml(styles));
    }

    /// <summary>The card a finding is about (matched by its place in modelaudit.json), else its model's section.</summary>
    private static string Target(Finding finding, AuditReport report, IReadOnlyList<ModelView> views)
    {
        for (var m = 0; m < report.Models.Count; m++)
        {
            var model = report.Models[m];
            for (var i = 0; i < model.Images.Count; i++)
            {
                var at = model.Images[i].Location;
                if (at.Line == finding.Line && at.Column == finding.Column)
                {
                    return views[m].Images[i].Anchor;
                }
            }
        }

        // About a model, not an image: at its entry or at a field inside it ("layer" for MA1108), so the model whose
        // entry starts last at or before the finding's line.
        var owner = -1;
        for (var m = 0; m < report.Models.Count; m++)
        {
            var at = report.Models[m].Location.Line;
            if (at <= finding.Line && (owner < 0 || at > report.Models[owner].Location.Line))
            {
                owner = m;
            }
        }

        return owner >= 0 ? views[owner].Anchor : views.Count > 0 ? views[0].Anchor : "findings-title";
    }

    private static ModelView Model(ModelResult model, int number)
    {
        var anchor = $"model-{Integer(number)}";
        var images = model.Images.Select((image, i) => Image(image, $"{anchor}-image-{Integer(i + 1)}")).ToList();
        var failed = model.Images.Count(i => !i.Passed);
        return new ModelView(
            anchor,
            model.Name,
            model.Path,
            model.Sha256,
            ReportText.ShortHash(model.Sha256),
            model.BaselineSha256,
            model.ModelChanged,
            Facts(model),
            model.Layer,
            failed == 0 ? "pass" : "fail",
            model.Images.Count,
            failed,
            images,
            model.ActivationsImage is { } shown ? $"Activations of {shown}" : "Activations",
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

    // How the model was run. A fact another stage learns (a layer layout, a precision) is one more line here.
    private static IReadOnlyList<FactView> Facts(ModelResult model)
    {
        var facts = new List<FactView>
        {
            new("method", model.Method, false),
            new("layer", model.Layer, true),
        };
        if (model.LayerChoice is { } why)
        {
            facts.Add(new("layer choice", why, false));
        }

        facts.Add(new("score", model.Score, false));
        facts.Add(new("preprocessing", model.Preprocessing, false));
        facts.Add(new("device", model.Device, false));
        return facts;
    }

    private static ImageCardView Image(ImageResult image, string anchor)
    {
        var checks = image.Checks.Select(c => Check(c, image, anchor)).ToList();
        return new ImageCardView(
            anchor,
            image.Path,
            image.Passed ? "pass" : "fail",
            !image.Passed,
            $"line {Integer(image.Location.Line)}, column {Integer(image.Location.Column)}",
            image.Width >= WideAspect * image.Height,
            image.Width,
            image.Height,
            DataUri.Png(image.ImagePng),
            MapPanelBuilder.Build(image),
            image.Regions.Select(r => new RegionView(r.Kind, RegionOutline.Points(r))).ToList(),
            ReportText.Class(image.Class, image.ClassLabel),
            ReportText.Class(image.PredictedClass, image.PredictedLabel),
            ReportText.Percent(image.PredictedProbability),
            image.PredictedClass == image.Class,
            checks,
            checks.Where(c => c.Status == "fail").ToList(),
            image.Baseline is { } b ? Baseline(b) : null)
        {
            Faithfulness = image.Faithfulness is { } f ? FaithfulnessView.Of(f, image.Baseline?.BaselineFaithfulness) : null,
        };
    }

    private static CheckView Check(CheckResult check, ImageResult image, string card) => new(
        $"{card}-{check.Id}",
        check.Id,
        check.Title,
        ReportText.CheckValue(check, image),
        ReportText.CheckBar(check, image),
        ReportText.Status(check.Status),
        check.Code,
        check.Message);

    private static BaselineView Baseline(BaselineComparison baseline) => new(
        ReportText.Number(baseline.Correlation),
        ReportText.Number(baseline.CenterShiftPixels) + " px",
        ReportText.Class(baseline.BaselineClass, baseline.BaselineLabel),
        ReportText.Percent(baseline.BaselineProbability),
        ReportText.Number(baseline.BaselineRelevanceMass));

    private static PictureView Picture(Picture picture) =>
        new(picture.Title, DataUri.Png(picture.Png), picture.Width, picture.Height);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
