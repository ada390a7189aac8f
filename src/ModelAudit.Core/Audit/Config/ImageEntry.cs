using ModelAudit.Core.Audit.Regions;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config;

/// <summary>One image to audit: where it is, which class to explain, where the evidence should be.</summary>
public sealed class ImageEntry
{
    /// <summary>As written in the config; for annotation images, relative to the config with '/' separators.</summary>
    public required string Path { get; init; }

    public required string FullPath { get; init; }

    /// <summary>The image's entry in the config (for annotation images: the "annotations" entry).</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>
    /// The class as written: an index ("3") or a label (checked against the model's labels when those are
    /// given). Null means "explain the predicted class". Parse with ClassChoice.Parse.
    /// </summary>
    public string? Class { get; init; }

    /// <summary>Expected regions in original image pixels; the union is where the evidence should be.</summary>
    public required IReadOnlyList<Region> Regions { get; init; }

    /// <summary>The model's thresholds with this image's overrides applied.</summary>
    public required Thresholds Thresholds { get; init; }
}
