namespace ModelAudit.Core.Reporting.Html;

// What the templates see. Every value is already formatted: templates only place and encode text, so an
// overriding template cannot get numbers or statuses wrong. The property names (snake_case in templates) are
// the template contract.
internal sealed record ReportView(
    VerdictView Verdict,
    IReadOnlyList<FailingModelView> Failing,
    IReadOnlyList<FindingView> Findings,
    bool FindingsOpen,
    IReadOnlyList<ModelView> Models,
    TrustedHtml Styles);

internal sealed record VerdictView(
    string Status,
    string Title,
    string Sentence,
    int Checks,
    int Errors,
    int Warnings,
    int Findings,
    int ModelCount,
    int ImageCount,
    int FailedImageCount,
    string FailOn,
    string ToolVersion,
    string ConfigPath);

/// <summary>A model's failing images at the top of the report, each failed check linking to its row in the card.</summary>
internal sealed record FailingModelView(string Anchor, string Name, int FailedImageCount, int ImageCount, IReadOnlyList<FailingImageView> Images);

internal sealed record FailingImageView(string Anchor, string Path, IReadOnlyList<CheckLinkView> Checks);

internal sealed record CheckLinkView(string Anchor, string Title, string Value, string Bar, string Code);

/// <summary>A finding with the card (or model section) it is about.</summary>
internal sealed record FindingView(string Severity, string Code, string Location, string Message, string Href);

internal sealed record ModelView(
    string Anchor,
    string Name,
    string Path,
    string Sha256,
    string ShortSha256,
    string? BaselineSha256,
    bool ModelChanged,
    IReadOnlyList<FactView> Facts,
    string Layer,
    string Status,
    int ImageCount,
    int FailedImageCount,
    IReadOnlyList<ImageCardView> Images,
    string ActivationsTitle,
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

/// <summary>One row of the model's header table ("method", "gradcam"); new facts are one line in the builder.</summary>
internal sealed record FactView(string Name, string Value, bool Code);

internal sealed record ImageCardView(
    string Anchor,
    string Path,
    string Status,
    bool Open,
    string Location,
    bool Wide,
    int Width,
    int Height,
    DataUri ImageUri,
    MapPanelView Maps,
    IReadOnlyList<RegionView> Regions,
    string Class,
    string Predicted,
    string Probability,
    bool PredictionMatches,
    IReadOnlyList<CheckView> Checks,
    IReadOnlyList<CheckView> FailedChecks,
    BaselineView? Baseline)
{
    /// <summary>Deletion/insertion curves, when "faithfulness" is on.</summary>
    public FaithfulnessView? Faithfulness { get; init; }
}

/// <summary>The card's maps: pictures at the picture's size, top-p% outlines as SVG paths in those pixels.</summary>
internal sealed record MapPanelView(
    int Width,
    int Height,
    DataUri NowUri,
    DataUri? BaselineUri,
    DataUri? DiffUri,
    string NowTop,
    string? BaselineTop,
    string TopPercent,
    ColourBarView Scale,
    ColourBarView? DiffScale);

internal sealed record ColourBarView(DataUri Uri, string Colormap, string Top, string Middle, string Bottom, string Caption);

internal sealed record RegionView(string Kind, string Points);

internal sealed record CheckView(string Anchor, string Id, string Title, string Value, string Bar, string Status, string Code, string Message);

internal sealed record BaselineView(string Correlation, string CenterShift, string Class, string Probability, string RelevanceMass);

internal sealed record PictureView(string Title, DataUri Uri, int Width, int Height);

internal sealed record LayerView(string Name, string Op, string Shape, string Parameters);
