using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Regions;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Audit.Shards;

/// <summary>
/// A config and an "audit" of it without ONNX: every image's result depends only on the image (so a shard computes
/// what the full run computes), and the findings come from the real <see cref="FindingsBuilder"/> (no baseline:
/// every model repeats MA1205 in every shard). Images of model "annotated" share one location, as images from
/// an annotations file do.
/// </summary>
internal static class ShardFixture
{
    public static AuditConfig Config(string path, int images = 12)
    {
        var directory = Path.GetDirectoryName(path)!;
        return new AuditConfig
        {
            Path = path,
            Directory = directory,
            BaselineDirectory = Path.Combine(directory, "baseline"),
            // Not the defaults, so that a shard's copy of them is checked.
            Report = new ReportExtras(Filters: false, Activations: false, Templates: Path.Combine(directory, "templates")),
            Models =
            [
                Model("shapes", 3, [.. Enumerable.Range(0, images).Select(i => Image($"images/{i}.png", new SourceLocation(10 + i, 9)))]),
                Model("annotated", 40, [.. Enumerable.Range(0, images).Select(i => Image($"voc/{i}.jpg", new SourceLocation(44, 9)))]),
                Model("empty", 60, []),
            ],
        };
    }

    public static AuditReport Audit(AuditConfig config)
    {
        var models = config.Models.Select(m => Result(m)).ToList();
        var findings = config.Models.Zip(models).SelectMany(p => FindingsBuilder.For(config, p.First, p.Second, null, FailLevel.Any)).ToList();
        return new AuditReport { ToolVersion = "0.1.0-test", ConfigPath = config.Path, FailOn = "any", Models = models, Findings = findings };
    }

    private static ModelEntry Model(string name, int line, IReadOnlyList<ImageEntry> images) => new()
    {
        Name = name,
        Path = $"{name}.onnx",
        FullPath = $"/repo/{name}.onnx",
        Location = new SourceLocation(line, 5),
        Preprocess = new PreprocessOverrides { Width = 8 },
        Thresholds = Thresholds.Default with { MinRelevanceMass = 0.5 },
        Images = images,

        // Every optional property set, so ShardConfigTests can tell a copied value from a default.
        Labels = ["a", "b"],
        Method = "layercam",
        Layer = "conv",
        LayerHints = new ModelAudit.Core.Analysis.Cams.LayerHints(ModelAudit.Core.Analysis.Cams.LayerLayout.Nhwc),
        Score = "probability",
        Input = "image",
        Output = "logits",
        Fields = new Dictionary<string, SourceLocation> { ["layer"] = new(line + 1, 7) },
        Faithfulness = new ModelAudit.Core.Audit.Explanations.FaithfulnessSettings(new ModelAudit.Core.Analysis.Faithfulness.FaithfulnessOptions(), 0.4),
        Sanity = new ModelAudit.Core.Audit.Explanations.SanitySettings(new ModelAudit.Core.Analysis.Sanity.SanityOptions(), 2),

        // Contradicts Sanity (a config cannot say both), which no shard code looks at: set only so its copy is checked.
        SanityCheckOff = true,
    };

    private static ImageEntry Image(string path, SourceLocation at) => new()
    {
        Path = path,
        FullPath = "/repo/" + path,
        Location = at,
        Regions = [new BoxRegion(1, 2, 3, 4)],
        Thresholds = Thresholds.Default,
    };

    private static ModelResult Result(ModelEntry model) => new()
    {
        Name = model.Name,
        Path = model.Path,
        Sha256 = new string('a', 64),
        Method = "gradcam",
        Layer = "conv",
        Score = "logit",
        Preprocessing = "8x8",
        Device = "cpu",
        // The unsharded run takes the grids from the model's first image; so does a shard holding it.
        ActivationGrids = model.Images.Count > 0 ? [new Picture($"grid of {model.Images[0].Path}", [1, 2, 3], 1, 1)] : [],
        Images = [.. model.Images.Select(ImageResultOf)],
    };

    private static ImageResult ImageResultOf(ImageEntry image)
    {
        var seed = image.Path.Sum(c => c);
        var mass = (seed % 10) / 10.0;
        var status = mass < 0.3 ? CheckStatus.Fail : mass < 0.5 ? CheckStatus.Warn : CheckStatus.Pass;
        return new ImageResult
        {
            Path = image.Path,
            Width = 8,
            Height = 8,
            Location = image.Location,
            Class = seed % 2,
            PredictedClass = seed % 2,
            PredictedProbability = 0.5 + (mass / 2),
            Regions = [.. image.Regions.Select(r => r.Shape())],
            Checks =
            [
                new CheckResult { Id = "relevance-mass", Title = "relevance mass", Value = mass, Threshold = 0.5, Comparison = ">=", Status = status, Code = DiagnosticCodes.RelevanceMass, Message = $"relevance mass {mass:0.00} vs 0.50" },
            ],
            ImagePng = [(byte)seed],
            Maps = new MapPictures(2, 1, [(byte)seed], null, null, "M0,0h1v1h-1z", null, (float)mass, 0f),
            Map = [(float)mass, float.NaN],
            MapWidth = 2,
            MapHeight = 1,
        };
    }
}
