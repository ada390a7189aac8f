using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Core.Tests.Analysis.Cams;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Faithfulness;

/// <summary>The analyzer on real ONNX Runtime sessions, against curves worked out by hand and against a random map.</summary>
public sealed class FaithfulnessAnalyzerTests : IDisposable
{
    /// <summary>The object: pixels 5, 6, 9, 10 of a 4x4 image (the middle 2x2), pure red.</summary>
    private static readonly int[] Region = [5, 6, 9, 10];

    private static readonly PreprocessOverrides FourByFour = new() { Width = 4, Height = 4, Resize = ResizeMode.Stretch };

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));

    /// <summary>Logits [sum of the red channel over the region, 0]: class 0's probability is sigmoid(that sum).</summary>
    private string RegionSumModel(Func<ModelBuilder, string, string>? head = null)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("image", 1, 3, 4, 4);
        var flat = b.Flatten(x, axis: 1, name: "flat");
        var weights = new float[2 * 48];
        foreach (var p in Region)
        {
            weights[p] = 1;
        }

        var logits = b.Gemm(flat, 2, weights: weights, bias: [0, 0], name: "logits");
        b.Output(head is null ? logits : head(b, logits));
        var path = temp.File("region-sum.onnx");
        b.Save(path);
        return path;
    }

    private static Image RedObject()
    {
        var image = new Image(4, 4);
        for (var p = 0; p < 16; p++)
        {
            image.Pixels[(p * 4) + 0] = Region.Contains(p) ? (byte)255 : (byte)0;
            image.Pixels[(p * 4) + 3] = 255;
        }

        return image;
    }

    [Fact]
    public void Measure_RegionSumModel_CurvesAreasAndDropAsWorkedOutByHand()
    {
        using var model = PreparedModel.Open(RegionSumModel(), FourByFour, CamTestModels.Cpu);
        using var analyzer = new FaithfulnessAnalyzer(model, CamTestModels.Cpu);
        // Pixel 5 ranks first, then 6, 9, 10 (ties in index order), then the background.
        var map = new float[16];
        for (var p = 0; p < 16; p++)
        {
            map[p] = p == 5 ? 4 : Region.Contains(p) ? 2 : 1;
        }

        var result = analyzer.Measure(RedObject(), map, 4, 4, cls: 0, new FaithfulnessOptions { Steps = 4, Removal = RemovalMethod.Mean }, batchSize: 3);

        // Red is 1 on the region, 0 elsewhere, so its mean is 4/16. Deletion: step 1 takes the region (sum 4 -> 4 * 0.25 = 1),
        // later steps only background. Insertion starts from all-mean (sum 1) and restores the region at step 1 (sum 4).
        double[] deletion = [Sigmoid(4), Sigmoid(1), Sigmoid(1), Sigmoid(1), Sigmoid(1)];
        double[] insertion = [Sigmoid(1), Sigmoid(4), Sigmoid(4), Sigmoid(4), Sigmoid(4)];
        Assert.Equal(deletion, result.Curves.Deletion, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(insertion, result.Curves.Insertion, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal((((Sigmoid(4) + Sigmoid(1)) / 2) + (3 * Sigmoid(1))) / 4, result.Curves.DeletionAuc, 6);
        Assert.Equal((((Sigmoid(1) + Sigmoid(4)) / 2) + (3 * Sigmoid(4))) / 4, result.Curves.InsertionAuc, 6);

        // Weighted by map / max: pixel 5 keeps 1, the other region pixels 0.5, so the sum is 2.5 (black is 0 here).
        Assert.Equal(Sigmoid(4), result.Original, 6);
        Assert.Equal(Sigmoid(2.5), result.Weighted, 6);
        Assert.Equal((Sigmoid(4) - Sigmoid(2.5)) / Sigmoid(4), result.Drop, 6);
        Assert.False(result.Increased);
    }

    /// <summary>A final LogSoftmax gives log-probabilities: class 0's probability is still sigmoid(4), as with logits or a Softmax.</summary>
    [Theory]
    [InlineData("Softmax")]
    [InlineData("LogSoftmax")]
    public void Measure_ModelEndingInSoftmaxOrLogSoftmax_ScoresTheProbability(string final)
    {
        var path = RegionSumModel((b, logits) => final == "Softmax" ? b.Softmax(logits, axis: 1) : b.LogSoftmax(logits, axis: 1));
        using var model = PreparedModel.Open(path, FourByFour, CamTestModels.Cpu);
        using var analyzer = new FaithfulnessAnalyzer(model, CamTestModels.Cpu);

        var result = analyzer.Measure(RedObject(), new float[16], 4, 4, cls: 0, new FaithfulnessOptions { Steps = 4, Removal = RemovalMethod.Mean });

        Assert.Equal(Sigmoid(4), result.Original, 6);
    }

    [Fact]
    public void Measure_HonestModelsGradCam_DeletesFasterAndInsertsFasterThanARandomMap()
    {
        var modelPath = temp.File("honest.onnx");
        ShortcutFixture.WriteModel(modelPath, shortcut: false);
        var imagePath = temp.File("a.png");
        ShortcutFixture.WriteImage(imagePath);
        var image = ImageDecoder.Decode(imagePath);
        var preprocessing = new PreprocessOverrides { Width = ShortcutFixture.Side, Height = ShortcutFixture.Side, Resize = ResizeMode.Stretch };
        using var model = PreparedModel.Open(modelPath, preprocessing, CamTestModels.Cpu);
        using var cams = new CamAnalyzer(model, CamTestModels.Cpu);
        using var analyzer = new FaithfulnessAnalyzer(model, CamTestModels.Cpu);
        var cam = cams.Compute([("a.png", image)], new CamRequest(CamMethod.GradCam, "auto", ClassChoice.Of(0), ScoreKind.Logit))[0];
        var random = new Random(3);
        var noise = Enumerable.Range(0, cam.Map.Length).Select(_ => (float)random.NextDouble()).ToArray();
        var options = new FaithfulnessOptions();

        var honest = analyzer.Measure(image, cam.Map, cam.MapWidth, cam.MapHeight, 0, options);
        var baseline = analyzer.Measure(image, noise, cam.MapWidth, cam.MapHeight, 0, options);

        Assert.True(honest.Curves.DeletionAuc < baseline.Curves.DeletionAuc, $"Grad-CAM {honest.Curves.DeletionAuc} vs random {baseline.Curves.DeletionAuc}");
        Assert.True(honest.Curves.InsertionAuc > baseline.Curves.InsertionAuc, $"Grad-CAM {honest.Curves.InsertionAuc} vs random {baseline.Curves.InsertionAuc}");
        Assert.Equal(21, honest.Curves.Deletion.Count);
    }

    [Fact]
    public void Measure_ClassBeyondTheOutputs_ThrowsNamingTheModel()
    {
        using var model = PreparedModel.Open(RegionSumModel(), FourByFour, CamTestModels.Cpu);
        using var analyzer = new FaithfulnessAnalyzer(model, CamTestModels.Cpu);

        var e = Assert.Throws<ModelAuditException>(() => analyzer.Measure(RedObject(), new float[16], 4, 4, cls: 5, new FaithfulnessOptions { Steps = 1 }));

        Assert.Contains("region-sum.onnx: class 5 is not among the model's 2 outputs", e.Message, StringComparison.Ordinal);
    }
}
