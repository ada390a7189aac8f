namespace ModelAudit.Core.Reporting.Html;

// What the templates see. Every value is already formatted: templates only place and escape text, so an
// overriding template cannot get numbers or statuses wrong. The property names are the template contract.
internal sealed record ReportView(
    VerdictView Verdict,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<ModelView> Models,
    TrustedHtml Styles);

internal sealed record VerdictView(
    bool Passed,
    string Status,
    string Title,
    int Checks,
    int FailedChecks,
    int Warnings,
    int Errors,
    int ModelCount,
    int ImageCount,
    string FailOn,
    string ToolVersion,
    string ConfigPath);

internal sealed record FindingView(string Severity, string Code, string Location, string Message);

internal sealed record ModelView(
    string Anchor,
    string Name,
    string Path,
    string Sha256,
    string ShortSha256,
    string? BaselineSha256,
    bool ModelChanged,
    string Method,
    string Layer,
    string Score,
    string Preprocessing,
    string Device,
    string Status,
    int ImageCount,
    int FailedImageCount,
    IReadOnlyList<ImageCardView> Images,
    IReadOnlyList<PictureView> ActivationGrids,
    IReadOnlyList<PictureView> FilterGrids,
    string? ActivationGridsNote,
    string? FilterGridsNote,
    IReadOnlyList<LayerView> Layers,
    int LayerCount,
    bool LayersOpen,
    string TotalParameters)
{
    /// <summary>The weight-randomization test, when "sanityCheck" is on.</summary>
    public SanityView? Sanity { get; init; }
}

internal sealed record ImageCardView(
    string Anchor,
    string Path,
    string Status,
    string Location,
    bool Wide,
    int Width,
    int Height,
    string ImageUri,
    string OverlayUri,
    string? BaselineOverlayUri,
    IReadOnlyList<RegionView> Regions,
    string Class,
    string Predicted,
    string Probability,
    bool PredictionMatches,
    IReadOnlyList<CheckView> Checks,
    BaselineView? Baseline)
{
    /// <summary>Deletion/insertion curves, when "faithfulness" is on.</summary>
    public FaithfulnessView? Faithfulness { get; init; }
}

internal sealed record RegionView(string Kind, string Points);

internal sealed record CheckView(string Id, string Title, string Value, string Bar, string Status, string Code, string Message);

internal sealed record BaselineView(string Correlation, string CenterShift, string Class, string Probability, string RelevanceMass);

internal sealed record PictureView(string Title, string Uri, int Width, int Height);

internal sealed record LayerView(string Name, string Op, string Shape, string Parameters);
