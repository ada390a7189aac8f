using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Reporting.Maps;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Tests.Reporting;

/// <summary>
/// A hand-built audit: model "shapes" with a passing image (with a baseline) and a failing one, model
/// "digits" with one passing image and no baseline, and the findings the failing checks produce.
/// </summary>
internal static class ReportFixture
{
    public const string ConfigPath = "/repo/app/modelaudit.json";

    public static AuditReport Build(string shapesName = "shapes", string? label = "vertical", string imagePath = "images/a.png") => new()
    {
        ToolVersion = "0.1.0-test",
        ConfigPath = ConfigPath,
        FailOn = "threshold",
        Models = [Shapes(shapesName, label, imagePath), Digits()],
        Findings =
        [
            new Finding(Severity.Error, DiagnosticCodes.RelevanceMass, ConfigPath, 21, 9, "shapes/images/b.png: relevance mass 0.12 < 0.50 (gradcam at conv5)"),
            new Finding(Severity.Warning, DiagnosticCodes.PointingGame, ConfigPath, 21, 9, "shapes/images/b.png: pointing game missed (gradcam at conv5)"),
            new Finding(Severity.Info, DiagnosticCodes.ModelChangedSinceBaseline, ConfigPath, 4, 5, "shapes: model changed since the baseline"),
        ],
    };

    /// <summary>A solid-colour picture with a bright square in the middle: real, decodable PNG bytes.</summary>
    public static byte[] Png(int width, int height, byte r, byte g, byte b)
    {
        var image = new Image(width, height);
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < width; x++)
            {
                var inside = x >= width / 4 && x < width * 3 / 4 && y >= height / 4 && y < height * 3 / 4;
                row[x * 4] = inside ? (byte)255 : r;
                row[(x * 4) + 1] = inside ? (byte)255 : g;
                row[(x * 4) + 2] = inside ? (byte)255 : b;
                row[(x * 4) + 3] = 255;
            }
        }

        return PngEncoder.Encode(image);
    }

    /// <summary>A map with one peak of <paramref name="peak"/> at (cx, cy) falling off linearly to 0 over 6 pixels.</summary>
    public static float[] Spot(int width, int height, int cx, int cy, float peak)
    {
        var map = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var d = Math.Sqrt(((x - cx) * (x - cx)) + ((y - cy) * (y - cy)));
                map[(y * width) + x] = (float)Math.Max(0, peak * (1 - (d / 6)));
            }
        }

        return map;
    }

    /// <summary>The maps drawn over <paramref name="png"/> as the audit draws them; a map of another size is first resampled to the picture's.</summary>
    public static MapPictures Maps(byte[] png, float[] map, int width, int height, float[]? baseline = null)
    {
        var picture = PngDecoder.Decode(png, "fixture");
        float[] Fit(float[] m) => m.Length == picture.Width * picture.Height ? m : Imaging.Processing.Resizer.Resize(m, width, height, picture.Width, picture.Height);
        return MapPainter.Paint(picture, Fit(map), baseline is null ? null : Fit(baseline), topPercent: 20);
    }

    private static ModelResult Shapes(string name, string? label, string imagePath) => new()
    {
        Name = name,
        Path = "models/classifier.onnx",
        Location = new SourceLocation(4, 5),
        ActivationsImage = imagePath,
        Sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        BaselineSha256 = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
        Method = "gradcam",
        Layer = "conv5",
        Score = "logit",
        Preprocessing = "32x24 stretch, scale 0.00392",
        Device = "cpu",
        TotalParameters = 1234,
        Layers =
        [
            new LayerRow("conv1", "Conv", "[1, 8, 24, 32]", 224),
            new LayerRow("conv5", "Conv", "[1, 16, 12, 16]", 1010),
        ],
        ActivationGrids = [new Picture("conv1 activations", Png(64, 32, 20, 120, 60), 64, 32)],
        FilterGrids = [new Picture("conv5 filters", Png(48, 48, 120, 40, 160), 48, 48)],
        Images =
        [
            new ImageResult
            {
                Path = imagePath,
                Width = 32,
                Height = 24,
                Location = new SourceLocation(14, 9),
                Class = 1,
                ClassLabel = label,
                PredictedClass = 1,
                PredictedLabel = label,
                PredictedProbability = 0.973,
                Regions = [new RegionShape("box", [(8, 6), (24, 6), (24, 18), (8, 18)])],
                Checks =
                [
                    Check("relevance-mass", "relevance mass", 0.62, 0.5, CheckStatus.Pass, DiagnosticCodes.RelevanceMass, "relevance mass 0.62 >= 0.50"),
                    Check("pointing-game", "pointing game", 1, 1, CheckStatus.Pass, DiagnosticCodes.PointingGame, "pointing game hit"),
                    Check("baseline-correlation", "baseline correlation", 0.91, 0.8, CheckStatus.Pass, DiagnosticCodes.BaselineCorrelation, "correlation 0.91 >= 0.80", regression: true),
                ],
                ImagePng = Png(32, 24, 40, 60, 200),
                Maps = Maps(Png(32, 24, 40, 60, 200), Spot(32, 24, 16, 12, 0.8f), 32, 24, Spot(32, 24, 12, 10, 0.5f)),
                Map = new float[4 * 3],
                MapWidth = 4,
                MapHeight = 3,
                Baseline = new BaselineComparison(0.91, 1.5, 1, 0.95, 0.6, label),
            },
            new ImageResult
            {
                Path = "images/b.png",
                Width = 32,
                Height = 24,
                Location = new SourceLocation(21, 9),
                Class = 1,
                ClassLabel = label,
                PredictedClass = 0,
                PredictedLabel = "horizontal",
                PredictedProbability = 0.55,
                Regions = [new RegionShape("polygon", [(2, 2), (12, 3), (7, 10)])],
                Checks =
                [
                    Check("relevance-mass", "relevance mass", 0.12, 0.5, CheckStatus.Fail, DiagnosticCodes.RelevanceMass, "relevance mass 0.12 < 0.50 (gradcam at conv5)"),
                    Check("pointing-game", "pointing game", 0, 1, CheckStatus.Warn, DiagnosticCodes.PointingGame, "pointing game missed (gradcam at conv5)"),
                ],
                ImagePng = Png(32, 24, 200, 200, 40),
                Maps = Maps(Png(32, 24, 200, 200, 40), Spot(32, 24, 28, 4, 2f), 32, 24),
                Map = new float[4 * 3],
                MapWidth = 4,
                MapHeight = 3,
            },
        ],
    };

    private static ModelResult Digits() => new()
    {
        Name = "digits",
        Path = "models/digits.onnx",
        Sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        Method = "layercam",
        Layer = "features.3",
        Score = "probability",
        Preprocessing = "28x28 stretch",
        Device = "cpu",
        Images =
        [
            new ImageResult
            {
                Path = "digits/seven.png",
                Width = 28,
                Height = 28,
                Location = new SourceLocation(40, 9),
                Class = 7,
                PredictedClass = 7,
                PredictedProbability = 0.999,
                Regions = [new RegionShape("box", [(4, 4), (20, 24)])],
                Checks =
                [
                    Check("relevance-mass", "relevance mass", 0.81, 0.5, CheckStatus.Pass, DiagnosticCodes.RelevanceMass, "relevance mass 0.81 >= 0.50"),
                    Check("iou-top", "IoU top 10%", 0.33, null, CheckStatus.Info, DiagnosticCodes.IouTop, "IoU 0.33"),
                ],
                ImagePng = Png(28, 28, 0, 0, 0),
                Maps = Maps(Png(28, 28, 0, 0, 0), Spot(7, 7, 3, 3, 1f), 7, 7),
                Map = new float[7 * 7],
                MapWidth = 7,
                MapHeight = 7,
            },
        ],
    };

    private static CheckResult Check(string id, string title, double? value, double? threshold, CheckStatus status, string code, string message, bool regression = false) => new()
    {
        Id = id,
        Title = title,
        Value = value,
        Threshold = threshold,
        Comparison = threshold is null ? null : ">=",
        Status = status,
        Code = code,
        Message = message,
        IsRegression = regression,
    };
}
