using ModelAudit.Core.Analysis.Saliency;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Saliency;

public sealed class SaliencyAnalyzerTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static SaliencyRequest Request(SaliencyMethod method) => new(method, ClassChoice.Top, ScoreKind.Logit);

    private static IReadOnlyList<SaliencyResult> Compute(PreparedModel model, SaliencyRequest request, int batchSize, params Image[] images)
    {
        using var analyzer = new SaliencyAnalyzer(model, TinyModels.Cpu);
        return analyzer.Compute(images.Select((image, i) => ($"image{i}", image)).ToList(), request, batchSize);
    }

    [Fact]
    public void Compute_LinearModel_GradientIsTheTopClassWeightRow()
    {
        using var model = TinyModels.Linear(temp);
        var images = Enumerable.Range(0, 3).Select(s => TinyModels.RandomImage(2, 2, s)).ToArray();

        var results = Compute(model, Request(SaliencyMethod.Gradient), 2, images);

        for (var i = 0; i < images.Length; i++)
        {
            // Logits by hand: W x + b on the tensor (pixels / 255, CHW), the class is their argmax.
            var x = TinyModels.Tensor(model, images[i]);
            var logits = Enumerable.Range(0, 2).Select(k => LinearLogit(x, k)).ToArray();
            var expectedClass = logits[1] > logits[0] ? 1 : 0;
            Assert.Equal(expectedClass, results[i].Class);
            Assert.Equal(TinyModels.LinearWeights.AsSpan(expectedClass * 12, 12).ToArray(), results[i].Gradient, new FloatTolerance(1e-6f));
            Assert.Equal(new long[] { 3, 2, 2 }, results[i].Shape);
            var probability = 1 / (1 + Math.Exp(logits[1 - expectedClass] - logits[expectedClass]));
            Assert.Equal(probability, results[i].Probability, 5);
            Assert.Equal($"image{i}", results[i].Image);
        }
    }

    [Fact]
    public void Compute_ModelWithFixedBatchOfOne_RunsOneImageAtATime()
    {
        using var model = TinyModels.Linear(temp, batch: "1");
        var images = Enumerable.Range(0, 3).Select(s => TinyModels.RandomImage(2, 2, s)).ToArray();

        var results = Compute(model, Request(SaliencyMethod.SmoothGrad) with { Samples = 3 }, 8, images);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(TinyModels.LinearWeights.AsSpan(r.Class * 12, 12).ToArray(), r.Gradient, new FloatTolerance(1e-5f)));
    }

    [Fact]
    public void Compute_FixedClassLabel_UsesThatRowAndItsLabel()
    {
        using var model = TinyModels.Linear(temp);
        var request = Request(SaliencyMethod.Gradient) with { Class = ClassChoice.Parse("cat"), Labels = ["dog", "cat"] };

        var result = Compute(model, request, 8, TinyModels.RandomImage(2, 2, 5))[0];

        Assert.Equal(1, result.Class);
        Assert.Equal("cat", result.Label);
        Assert.Equal(TinyModels.LinearWeights.AsSpan(12, 12).ToArray(), result.Gradient, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Compute_ProbabilityScore_IsTheSoftmaxDerivative()
    {
        // d p_k / d x = p_k * (W_k - sum_j p_j W_j) for p = softmax(W x + b).
        using var model = TinyModels.Linear(temp);
        var image = TinyModels.RandomImage(2, 2, 9);
        var x = TinyModels.Tensor(model, image);

        var result = Compute(model, Request(SaliencyMethod.Gradient) with { Score = ScoreKind.Probability }, 8, image)[0];

        var logits = Enumerable.Range(0, 2).Select(k => LinearLogit(x, k)).ToArray();
        var p = logits.Select(l => Math.Exp(l) / logits.Sum(Math.Exp)).ToArray();
        var k = result.Class;
        var expected = Enumerable.Range(0, 12)
            .Select(i => (float)(p[k] * (TinyModels.LinearWeights[(k * 12) + i] - ((p[0] * TinyModels.LinearWeights[i]) + (p[1] * TinyModels.LinearWeights[12 + i])))))
            .ToArray();
        Assert.Equal(expected, result.Gradient, new FloatTolerance(1e-5f));
        Assert.Equal(p[k], result.Probability, 5);
    }

    [Fact]
    public void Compute_ReluNet_MatchesHandComputedGradient()
    {
        // x = (1, 0.2, 0) from pixel (255, 51, 0). Hidden pre-activations W1 x = (0.8, -1): unit 1 is dead,
        // so d score / d x = w2_0 * W1_0 = 3 * (1, -1, 0).
        using var model = TinyModels.ReluNet(temp, w1: [1, -1, 0, -1, 0, 1], w2: [3, 5]);

        var result = Compute(model, Request(SaliencyMethod.Gradient), 8, TinyModels.Solid(1, 1, 255, 51, 0))[0];

        Assert.Equal(new[] { 3f, -3f, 0f }, result.Gradient, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Compute_Guided_DropsTheNegativeUpstreamGradient()
    {
        // Both hidden units are active (W1 x = (0.8, 0.2)); the plain gradient is 3 * (1, -1, 0) - 5 * (0, 1, 1).
        // Guided backprop drops unit 1's negative upstream gradient (-5) at its ReLU, leaving 3 * (1, -1, 0).
        using var model = TinyModels.ReluNet(temp, w1: [1, -1, 0, 0, 1, 1], w2: [3, -5]);
        var image = TinyModels.Solid(1, 1, 255, 51, 0);

        var plain = Compute(model, Request(SaliencyMethod.Gradient), 8, image)[0];
        var guided = Compute(model, Request(SaliencyMethod.Guided), 8, image)[0];

        Assert.Equal(new[] { 3f, -8f, -5f }, plain.Gradient, new FloatTolerance(1e-5f));
        Assert.Equal(new[] { 3f, -3f, 0f }, guided.Gradient, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Compute_SmoothGradOnLinearModel_EqualsThePlainGradient()
    {
        using var model = TinyModels.Linear(temp);
        var image = TinyModels.RandomImage(2, 2, 3);
        var request = Request(SaliencyMethod.SmoothGrad) with { Samples = 5, Noise = 0.5f };

        var plain = Compute(model, Request(SaliencyMethod.Gradient), 8, image)[0];
        var smooth = Compute(model, request, 2, image)[0];

        Assert.Equal(plain.Class, smooth.Class);
        Assert.Equal(plain.Gradient, smooth.Gradient, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Compute_SmoothGrad_IsSeededAndIndependentOfBatching()
    {
        using var model = TinyModels.ConvNet(temp);
        var image = TinyModels.RandomImage(6, 6, 11);
        var request = Request(SaliencyMethod.SmoothGrad) with { Samples = 7, Noise = 0.3f, Seed = 4 };

        var one = Compute(model, request, 1, image)[0];
        var batched = Compute(model, request, 3, image)[0];
        var otherSeed = Compute(model, request with { Seed = 5 }, 3, image)[0];
        var plain = Compute(model, Request(SaliencyMethod.Gradient), 3, image)[0];

        Assert.Equal(one.Gradient, batched.Gradient, new FloatTolerance(1e-5f));
        Assert.NotEqual(batched.Gradient, otherSeed.Gradient, new FloatTolerance(1e-4f));
        Assert.NotEqual(batched.Gradient, plain.Gradient, new FloatTolerance(1e-4f));
    }

    [Fact]
    public void Compute_IntegratedOnLinearModel_IsInputTimesWeightRow()
    {
        // With a zero baseline every path gradient is W[k], so IG = x * W[k] exactly and sums to logit(x) - logit(0).
        using var model = TinyModels.Linear(temp);
        var image = TinyModels.RandomImage(2, 2, 8);
        var x = TinyModels.Tensor(model, image);

        var result = Compute(model, Request(SaliencyMethod.Integrated) with { Steps = 4 }, 3, image)[0];

        var w = TinyModels.LinearWeights.AsSpan(result.Class * 12, 12).ToArray();
        Assert.Equal(x.Select((v, i) => v * w[i]).ToArray(), result.Gradient, new FloatTolerance(1e-5f));
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("black")]
    public void Compute_IntegratedOnConvNet_SumsToTheScoreDifference(string baseline)
    {
        // Completeness (Sundararajan et al.): sum(IG) = score(x) - score(x'); the Riemann sum converges to it.
        // Mean/std make the black baseline a nonzero tensor, so the two baselines really differ.
        var preprocessing = new PreprocessOverrides { Mean = [0.4f, 0.5f, 0.6f], Std = [0.2f, 0.25f, 0.3f] };
        using var model = TinyModels.ConvNet(temp, preprocessing);
        var image = TinyModels.RandomImage(6, 6, 2);
        var request = Request(SaliencyMethod.Integrated) with { Steps = 200, Baseline = baseline };

        var result = Compute(model, request, 64, image)[0];

        var x = TinyModels.Tensor(model, image);
        var start = baseline == "zero" ? new float[x.Length] : TinyModels.Tensor(model, TinyModels.Solid(6, 6, 0, 0, 0));
        var expected = TinyModels.Scores(model, x)[result.Class] - TinyModels.Scores(model, start)[result.Class];
        var total = result.Gradient.Sum(v => (double)v);
        Assert.True(Math.Abs(expected) > 1e-2, $"score difference {expected} too small to test");
        Assert.True(Math.Abs(total - expected) <= (0.01 * Math.Abs(expected)) + 1e-4, $"sum(IG) = {total}, score difference = {expected}");
    }

    [Theory]
    [InlineData(0, 0.1f, 8, "zero", "--samples 0")]
    [InlineData(5, -1f, 8, "zero", "--noise -1")]
    [InlineData(5, 0.1f, 0, "zero", "--steps 0")]
    [InlineData(5, 0.1f, 8, "grey", "--baseline 'grey'")]
    public void Compute_BadSettings_ThrowsNamingTheFlag(int samples, float noise, int steps, string baseline, string expected)
    {
        using var model = TinyModels.Linear(temp);
        var request = Request(SaliencyMethod.SmoothGrad) with { Samples = samples, Noise = noise, Steps = steps, Baseline = baseline };

        var error = Assert.Throws<ModelAuditException>(() => Compute(model, request, 8, TinyModels.RandomImage(2, 2, 1)));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ClassOutOfRange_ThrowsModelAuditException()
    {
        using var model = TinyModels.Linear(temp);
        var request = Request(SaliencyMethod.Gradient) with { Class = ClassChoice.Of(7) };

        var error = Assert.Throws<ModelAuditException>(() => Compute(model, request, 8, TinyModels.RandomImage(2, 2, 1)));

        Assert.Contains("class 7", error.Message, StringComparison.Ordinal);
    }

    private static double LinearLogit(float[] x, int k) =>
        TinyModels.LinearBias[k] + x.Select((v, i) => (double)v * TinyModels.LinearWeights[(k * 12) + i]).Sum();
}
