using ModelAudit.Core.Analysis.Occlusion;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Core.Tests.Analysis.Saliency;
using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Occlusion;

public sealed class OcclusionAnalyzerTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>score = mean of the top-left 4x4 corner of an 8x8 RGB input (one 8x8 conv whose weights are 1/48 there, 0 elsewhere).</summary>
    private PreparedModel CornerModel()
    {
        var weights = new float[3 * 8 * 8];
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 4; y++)
            {
                for (var x = 0; x < 4; x++)
                {
                    weights[(c * 64) + (y * 8) + x] = 1f / 48;
                }
            }
        }

        var b = new ModelBuilder(opset: 13);
        var input = b.Input("x", ["N", "3", "8", "8"]);
        b.Output(b.Flatten(b.Conv(input, outChannels: 1, kernel: 8, weights: weights, hasBias: false, name: "corner"), axis: 1));
        var path = temp.File("corner.onnx");
        b.Save(path);
        return PreparedModel.Open(path, PreprocessOverrides.None, TinyModels.Cpu);
    }

    private static OcclusionRequest Request => new(ClassChoice.Top, ScoreKind.Logit, Patch: 4, Stride: 2, Fill: "zero");

    [Fact]
    public void Compute_CornerScore_DropsExactlyWherePatchesTouchTheCorner()
    {
        using var model = CornerModel();
        using var analyzer = new OcclusionAnalyzer(model, TinyModels.Cpu);

        var result = analyzer.Compute([("white", TinyModels.Solid(8, 8, 255, 255, 255))], Request)[0];

        // A white image is 1 everywhere, so the base score is 1 and hiding a patch at (px, py) removes
        // overlap / 16 of it, overlap = (4 - px)+ * (4 - py)+ with starts 0, 2, 4 on each axis.
        Assert.Equal(1f, result.BaseScore, 5);
        Assert.Equal((3, 3), (result.MapWidth, result.MapHeight));
        Assert.Equal(new[] { 1f, 0.5f, 0f, 0.5f, 0.25f, 0f, 0f, 0f, 0f }, result.Map, new FloatTolerance(1e-5f));
        Assert.Equal(0, result.Class);
        // Display heat: pixel (0,0) sees only patch (0,0); (3,3) sees patches at 0 and 2 on both axes,
        // mean (1 + 0.5 + 0.5 + 0.25) / 4; (7,7) only the harmless patch (4,4).
        Assert.Equal(64, result.Heat.Length);
        Assert.Equal(1f, result.Heat[0], 5);
        Assert.Equal(0.5625f, result.Heat[(3 * 8) + 3], 5);
        Assert.Equal(0f, result.Heat[63], 5);
    }

    [Fact]
    public void Compute_Batched_EqualsOneAtATime()
    {
        using var model = CornerModel();
        using var analyzer = new OcclusionAnalyzer(model, TinyModels.Cpu);
        var images = new[] { ("a", TinyModels.RandomImage(8, 8, 1)), ("b", TinyModels.RandomImage(8, 8, 2)) };
        var request = Request with { Fill = "mean", Stride = 3 };

        var single = analyzer.Compute(images, request, batchSize: 1);
        var batched = analyzer.Compute(images, request, batchSize: 4);

        for (var i = 0; i < images.Length; i++)
        {
            Assert.Equal(single[i].Map, batched[i].Map, new FloatTolerance(1e-6f));
            Assert.Equal(single[i].Heat, batched[i].Heat, new FloatTolerance(1e-6f));
        }

        // Stride 3 stops at 3 (3 + 4 < 8), so a last position flush with the edge (4) is added: 0, 3, 4.
        Assert.Equal((3, 3), (batched[0].MapWidth, batched[0].MapHeight));
        Assert.Contains(batched[0].Map, v => Math.Abs(v) > 1e-3);
    }

    [Fact]
    public void Compute_MeanFill_PaintsEachChannelsMean()
    {
        // Red image: the tensor is (1, 0, 0) everywhere, so the mean fill equals the image and nothing drops,
        // while a zero fill removes the red channel's third of the corner mean.
        using var model = CornerModel();
        using var analyzer = new OcclusionAnalyzer(model, TinyModels.Cpu);
        var red = TinyModels.Solid(8, 8, 255, 0, 0);

        var mean = analyzer.Compute([("red", red)], Request with { Fill = "mean" })[0];
        var zero = analyzer.Compute([("red", red)], Request with { Fill = "zero" })[0];

        Assert.All(mean.Map, v => Assert.Equal(0f, v, 5));
        Assert.Equal(1f / 3, zero.Map[0], 5);
    }

    [Theory]
    [InlineData(ScoreKind.Logit)]
    [InlineData(ScoreKind.Probability)]
    public void Compute_ScoreKind_ScoresTheLogitOrTheSoftmaxOutput(ScoreKind kind)
    {
        // The logit lives inside the graph (input of Softmax), the probability is the graph output: both paths.
        using var model = TinyModels.Linear(temp);
        using var analyzer = new OcclusionAnalyzer(model, TinyModels.Cpu);
        var image = TinyModels.RandomImage(2, 2, 4);

        var result = analyzer.Compute([("a", image)], new OcclusionRequest(ClassChoice.Of(1), kind, Patch: 1, Stride: 1, Fill: "zero"))[0];

        var x = TinyModels.Tensor(model, image);
        var logits = Enumerable.Range(0, 2).Select(k => TinyModels.LinearBias[k] + x.Select((v, i) => (double)v * TinyModels.LinearWeights[(k * 12) + i]).Sum()).ToArray();
        var expected = kind == ScoreKind.Logit ? logits[1] : 1 / (1 + Math.Exp(logits[0] - logits[1]));
        Assert.Equal(expected, result.BaseScore, 5);
        Assert.Equal(4, result.Map.Length);
        if (kind == ScoreKind.Logit)
        {
            // Zeroing pixel p removes sum_c W1[c, p] * x[c, p] from the logit.
            for (var pixel = 0; pixel < 4; pixel++)
            {
                var removed = Enumerable.Range(0, 3).Sum(c => (double)TinyModels.LinearWeights[12 + (c * 4) + pixel] * x[(c * 4) + pixel]);
                Assert.Equal(removed, result.Map[pixel], 5);
            }
        }
    }

    [Theory]
    [InlineData(0, 8, "mean", "--patch 0")]
    [InlineData(4, 0, "mean", "--stride 0")]
    [InlineData(4, 2, "blur", "--fill 'blur'")]
    public void Compute_BadSettings_ThrowsNamingTheFlag(int patch, int stride, string fill, string expected)
    {
        using var model = CornerModel();
        using var analyzer = new OcclusionAnalyzer(model, TinyModels.Cpu);

        var error = Assert.Throws<ModelAuditException>(() =>
            analyzer.Compute([("a", TinyModels.RandomImage(8, 8, 1))], Request with { Patch = patch, Stride = stride, Fill = fill }));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
