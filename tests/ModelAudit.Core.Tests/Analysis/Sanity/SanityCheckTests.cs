using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Tests.Analysis.Cams;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Onnx.Editing;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Sanity;

public sealed class SanityCheckTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Run_MapThatIgnoresTheWeights_IsFlagged()
    {
        // "Explanation" = the input's own intensity: identical whatever the weights are.
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);
        float[] intensity = [.. Enumerable.Range(0, 48).Select(i => (float)((i * 7) % 11))];

        var result = SanityCheck.Run(model, layers: 3, seed: 1, width: 8, height: 6, _ => [intensity, intensity]);

        Assert.Equal(3, result.Steps.Count);
        Assert.Equal(1, result.FinalSpearman, 9);
        Assert.False(result.DependsOnWeights());
    }

    [Fact]
    public void Run_GradCamOfTheTrainedPaddleClassifier_DependsOnItsWeights()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);
        var images = new[] { "invoice.png", "invoice-upside-down.png" }
            .Select(n => (n, ImageDecoder.Decode(Path.Combine(RepoPaths.TestData, "images", "text", n)))).ToList();
        var request = new CamRequest(CamMethod.GradCam, "relu_3.tmp_0", ClassChoice.Top, ScoreKind.Logit);
        var (w, h) = (0, 0);
        IReadOnlyList<float[]> Maps(OnnxModel candidate)
        {
            var path = temp.File($"candidate-{Guid.NewGuid():N}.onnx");
            candidate.Save(path);
            using var prepared = PreparedModel.Open(path, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu);
            using var analyzer = new CamAnalyzer(prepared, CamTestModels.Cpu);
            var results = analyzer.Compute(images, request);
            (w, h) = (results[0].MapWidth, results[0].MapHeight);
            return [.. results.Select(r => r.Map)];
        }

        var trained = Maps(model);
        var result = SanityCheck.Run(model, layers: 4, seed: 1, width: w, height: h, Maps);

        Assert.Equal(4, result.Steps.Count);
        Assert.True(result.DependsOnWeights(), string.Join("; ", result.Steps));
        Assert.Equal(2, trained.Count);
    }

    [Fact]
    public void RandomizeFromTop_ReplacesOnlyTheTopLayersWeights_Reproducibly()
    {
        var path = temp.File("m.onnx");
        ShortcutFixture.WriteModel(path, shortcut: false);
        var model = OnnxModel.Load(path);

        var layers = WeightRandomizer.LayersFromTop(model);
        var once = WeightRandomizer.RandomizeFromTop(model, 1, seed: 7);
        var again = WeightRandomizer.RandomizeFromTop(model, 1, seed: 7);
        var other = WeightRandomizer.RandomizeFromTop(model, 1, seed: 8);

        Assert.Equal(["logits", "features"], layers);
        Assert.Equal(once.ToBytes(), again.ToBytes());
        Assert.NotEqual(once.ToBytes(), other.ToBytes());
        Assert.Equal(Weights(model, "features"), Weights(once, "features"));
        Assert.NotEqual(Weights(model, "logits"), Weights(once, "logits"));
        Assert.Equal(Weights(model, "logits"), Weights(OnnxModel.Load(path), "logits"));
    }

    private static string Weights(OnnxModel model, string node)
    {
        var n = model.Graph.FindNode(node)!;
        return string.Join(";", n.Inputs.Skip(1).Select(i => model.Graph.TryGetConstant(i, out var t) ? string.Join(",", t.ToFloats()) : "-"));
    }
}
