namespace ModelAudit.Core.Audit.Results;

/// <summary>One model of the audit: how it was run and what each image showed.</summary>
public sealed record ModelResult
{
    public required string Name { get; init; }

    /// <summary>Path of the .onnx file as written in the config (relative to it).</summary>
    public required string Path { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>The model hash recorded in the baseline, or null when there is no baseline.</summary>
    public string? BaselineSha256 { get; init; }

    /// <summary>True when a baseline exists and was made with a different model file.</summary>
    public bool ModelChanged => BaselineSha256 is not null && BaselineSha256 != Sha256;

    /// <summary>Where the model's entry is in modelaudit.json, for findings about the model as a whole.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>How "layer": "auto" chose <see cref="Layer"/>, in one sentence; null for a named layer.</summary>
    public string? LayerChoice { get; init; }

    /// <summary>MA1108's message: fewer than two of the layer's map cells span the smallest expected region; null when they fit.</summary>
    public string? LayerWarning { get; init; }

    /// <summary>The image the activation grids show (the model's first), or null when there are none.</summary>
    public string? ActivationsImage { get; init; }

    /// <summary>e.g. "gradcam".</summary>
    public required string Method { get; init; }

    /// <summary>The value the maps were taken from, e.g. "conv2d_90.tmp_0" (resolved from "auto").</summary>
    public required string Layer { get; init; }

    /// <summary>How the layer was read as a map: "nchw", "nhwc" or "tokens" (see <see cref="Analysis.Cams.LayerLayout"/>).</summary>
    public string LayerLayout { get; init; } = "nchw";

    /// <summary>For a token layer, the leading tokens (class, distillation, register) left out of the map.</summary>
    public int SkippedTokens { get; init; }

    public required string Score { get; init; }

    /// <summary>Human summary of the preprocessing, e.g. "192x48 pad, scale 0.00392, mean [0.5,...]".</summary>
    public required string Preprocessing { get; init; }

    public required string Device { get; init; }

    /// <summary>How gradients relate to the model's precision when it is not float32 throughout, e.g. "gradient model
    /// built in float32 from the float16 model ..." or "QDQ straight-through ..."; null for float32 models and
    /// gradient-free methods.</summary>
    public string? GradientPrecision { get; init; }

    public required IReadOnlyList<ImageResult> Images { get; init; }

    /// <summary>Layer table for the report: name, op, output shape text, params.</summary>
    public IReadOnlyList<LayerRow> Layers { get; init; } = [];

    public long TotalParameters { get; init; }

    /// <summary>Activation grids (first image) and filter pattern grids, as PNG bytes.</summary>
    public IReadOnlyList<Picture> ActivationGrids { get; init; } = [];

    public IReadOnlyList<Picture> FilterGrids { get; init; } = [];

    /// <summary>Why <see cref="ActivationGrids"/> is empty (turned off in the config), else null.</summary>
    public string? ActivationGridsNote { get; init; }

    /// <summary>Why <see cref="FilterGrids"/> is empty: turned off, or skipped because the model has no gradient rule for a node.</summary>
    public string? FilterGridsNote { get; init; }

    /// <summary>The weight-randomization test of the maps, when "sanityCheck" is on.</summary>
    public Explanations.SanityReport? Sanity { get; init; }
}

public sealed record LayerRow(string Name, string Op, string Shape, long Parameters);

/// <summary>A titled PNG for the report (inlined as a data URI).</summary>
public sealed record Picture(string Title, byte[] Png, int Width, int Height);
