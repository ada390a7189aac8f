using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Audit.Config;

/// <summary>One model of the audit, as configured. Method, layer and score mean what the CLI flags mean.</summary>
public sealed record ModelEntry
{
    /// <summary>Unique within the config; names the baseline folder and prefixes diagnostics.</summary>
    public required string Name { get; init; }

    /// <summary>The .onnx path as written in the config.</summary>
    public required string Path { get; init; }

    public required string FullPath { get; init; }

    /// <summary>Where the model's entry starts in the config.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Origin "modelaudit.json"; fields not written are null.</summary>
    public required PreprocessOverrides Preprocess { get; init; }

    /// <summary>From a list in the config or a labels file it names (one label per line); null when absent.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    public string Method { get; init; } = "gradcam";

    public string Layer { get; init; } = "auto";

    /// <summary>The layer's layout ("layerLayout") and token grid ("grid") when the config gives them.</summary>
    public LayerHints LayerHints { get; init; } = LayerHints.None;

    /// <summary>logit, probability or output.</summary>
    public string Score { get; init; } = "logit";

    /// <summary>The model's thresholds over the defaults; each image holds its merged copy.</summary>
    public required Thresholds Thresholds { get; init; }

    /// <summary>The explicit images first, then those from annotations, in file order.</summary>
    public required IReadOnlyList<ImageEntry> Images { get; init; }

    /// <summary>The images whose regions the layer's cells are fitted to (<see cref="Layers.LayerFit"/>): the whole
    /// model's, also in a shard, so every shard maps the same layer; null means <see cref="Images"/>.</summary>
    public IReadOnlyList<ImageEntry>? LayerFitImages { get; init; }

    /// <summary>Input and output names when the model has several; null picks the only one.</summary>
    public string? Input { get; init; }

    public string? Output { get; init; }

    /// <summary>"faithfulness": deletion/insertion curves per image (null: off).</summary>
    public Explanations.FaithfulnessSettings? Faithfulness { get; init; }

    /// <summary>"sanityCheck": the weight-randomization test of the maps (null: off).</summary>
    public Explanations.SanitySettings? Sanity { get; init; }

    /// <summary>"sanityCheck": false written in the entry: `calibrate` skips the check it otherwise runs by default.</summary>
    public bool SanityCheckOff { get; init; }

    /// <summary>Where each property written in the model's entry starts, so an error about "layer" points at "layer".</summary>
    public IReadOnlyDictionary<string, SourceLocation> Fields { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The written property's value, else the model's entry.</summary>
    public SourceLocation LocationOf(string field) => Fields.TryGetValue(field, out var at) ? at : Location;
}
