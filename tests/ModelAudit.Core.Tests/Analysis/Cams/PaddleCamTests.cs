using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Processing;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Cams;

/// <summary>CAMs on the real PaddleOCR models.</summary>
public sealed class PaddleCamTests
{
    private static Image Hello() => ImageFiles.Load(Path.Combine(RepoPaths.TestData, "images", "text", "hello.png"));

    /// <summary>The first <paramref name="width"/> columns of an image.</summary>
    private static Image CropLeft(Image image, int width)
    {
        var cropped = new Image(width, image.Height);
        for (var y = 0; y < image.Height; y++)
        {
            image.Row(y)[..(width * 4)].CopyTo(cropped.Row(y));
        }

        return cropped;
    }

    [Fact]
    public void ResolveLayer_AutoOnPaddleClassifier_IsTheBackbonesFinalPooledMap()
    {
        // MobileNetV3 (scale 0.35) ends in 200 channels, max-pooled to 1x48 for a 48x192 input; the head
        // then pools globally (1x1, not spatial) and classifies.
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);

        var layer = analyzer.ResolveLayer("auto");

        Assert.Equal("p2o.MaxPool.1", layer);
        Assert.Equal([1, 200, 1, 48], model.Runner.ValueShapes(model.InputShape(1))[layer]);
        Assert.Equal("MaxPool", model.Runner.Model.Graph.Producer(layer)!.OpType);
    }

    [Fact]
    public void ResolveLayer_NodeNotOnThePath_ExplainsWhy()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);

        var unknown = Assert.Throws<ModelAuditException>(() => analyzer.ResolveLayer("no_such_layer"));
        var flat = Assert.Throws<ModelAuditException>(() => analyzer.ResolveLayer(model.Runner.Output.Name));

        Assert.Contains("no node or value named 'no_such_layer'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("a CAM needs a feature map [N,C,H,W]", flat.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_GradCamOnPaddedTextLine_PutsTheMassOnTheText()
    {
        // "Hello" cut from the text line: 90x46 fills 94 of the tensor's 192 columns, the rest is padding.
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);
        var image = CropLeft(Hello(), 90);

        var result = analyzer.Compute([("hello-cropped", image)], new CamRequest(CamMethod.GradCam, "auto", ClassChoice.Top, ScoreKind.Logit))[0];

        Assert.Equal((0, 48, 1), (result.Class, result.MapWidth, result.MapHeight));
        Assert.Equal(48, result.Map.Length);
        var tensor = Resizer.Resize(result.Map, result.MapWidth, result.MapHeight, 192, 48);
        var content = result.Placement.ContentRect;
        Assert.Equal(94, content.Width);
        var inside = 0.0;
        for (var y = 0; y < 48; y++)
        {
            for (var x = 0; x < content.Width; x++)
            {
                inside += tensor[(y * 192) + x];
            }
        }

        // The content is 49% of the tensor; the upright-text evidence must come from it, not from the padding.
        Assert.True(inside / tensor.Sum() > 0.8, $"only {inside / tensor.Sum():P0} of the map is on the text");
    }

    [Fact]
    public void Compute_DetectorWithSegmentationTarget_ScoresTheMaskedProbabilitySum()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleDetector, DetectorPreprocessing, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);
        var image = Hello();
        // The left half of the 256x64 probability map (where "Hello" is).
        var mask = new float[64 * 256];
        for (var y = 0; y < 64; y++)
        {
            mask.AsSpan(y * 256, 128).Fill(1f);
        }

        var request = new CamRequest(CamMethod.GradCam, "auto", ClassChoice.Of(5), ScoreKind.Probability, Segmentation: new SegmentationTarget(0, mask));
        var result = analyzer.Compute([("hello", image)], request)[0];

        var (data, shape, _) = Preprocessor.Batch([image], model.Spec);
        var output = model.Runner.Run(new Runtime.FloatTensor(data, shape))[0];
        var expected = 0.0;
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 128; x++)
            {
                expected += output.Data[(y * 256) + x];
            }
        }

        var layerShape = model.Runner.ValueShapes(model.InputShape(1))[result.Layer];
        Assert.Equal(4, layerShape.Length);
        Assert.True(layerShape[1] > 1 && layerShape[2] * layerShape[3] > 1);
        Assert.Equal((layerShape[3], layerShape[2]), (result.MapWidth, result.MapHeight));
        Assert.Equal(0, result.Class);
        Assert.Equal(expected, result.Score, 1e-3 * expected);
        Assert.Equal(expected / mask.Sum(), result.Probability, 1e-4);
        Assert.All(result.Map, v => Assert.True(float.IsFinite(v) && v >= 0));
        Assert.Contains(result.Map, v => v > 0);
    }

    private static readonly PreprocessOverrides DetectorPreprocessing = new()
    {
        Width = 256,
        Height = 64,
        Resize = ResizeMode.Stretch,
        Mean = [0.485f, 0.456f, 0.406f],
        Std = [0.229f, 0.224f, 0.225f],
    };
}
