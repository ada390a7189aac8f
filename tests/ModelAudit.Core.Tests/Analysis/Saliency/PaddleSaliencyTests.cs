using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Saliency;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Saliency;

/// <summary>Saliency on PaddleOCR's real orientation classifier, checked against finite differences (GRADIENTS.md).</summary>
public sealed class PaddleSaliencyTests
{
    [Fact]
    public void Compute_PaddleClassifier_MatchesCentralFiniteDifferencesAlongARandomDirection()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, TinyModels.Cpu);
        var image = ImageFiles.Load(Path.Combine(RepoPaths.TestData, "images", "text", "invoice.png"));
        using var analyzer = new SaliencyAnalyzer(model, TinyModels.Cpu);

        var result = analyzer.Compute([("invoice", image)], new SaliencyRequest(SaliencyMethod.Gradient, ClassChoice.Top, ScoreKind.Logit))[0];

        Assert.Equal(0, result.Class);
        Assert.Equal(new long[] { 3, 48, 192 }, result.Shape);
        var logits = ScoreTarget.ValueFor(model.Runner.Model, model.Runner.Output.Name, ScoreKind.Logit);
        var x = TinyModels.Tensor(model, image);
        var random = new Random(31);
        var v = Enumerable.Range(0, x.Length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        const float Epsilon = 1e-3f;
        float Score(float step) => TinyModels.Scores(model, x.Select((value, i) => value + (step * v[i])).ToArray(), logits)[result.Class];

        var numeric = (Score(Epsilon) - (double)Score(-Epsilon)) / (2 * Epsilon);
        var analytic = result.Gradient.Select((g, i) => (double)g * v[i]).Sum();

        Assert.True(Math.Abs(numeric) > 1e-2, $"directional derivative {numeric} too small to test");
        Assert.True(Math.Abs(analytic - numeric) <= 0.03 * Math.Abs(numeric), $"analytic {analytic}, numeric {numeric}");
        // The reported probability is the model's own Softmax output for the class.
        var probabilities = TinyModels.Scores(model, x);
        Assert.Equal(probabilities[0], result.Probability, 4);
    }
}
