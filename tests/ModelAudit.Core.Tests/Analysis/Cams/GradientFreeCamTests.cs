using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Preprocessing;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Cams;

/// <summary>Eigen-CAM, Score-CAM and Ablation-CAM on models whose path has no gradient rule (Shrink).</summary>
public sealed class GradientFreeCamTests
{
    private static readonly FloatTolerance Close = new(1e-4f);

    // Red pixels (4,1,3,5) minus mean 2: u = (2,-1,1,3).
    private static readonly PreprocessOverrides Centered = new() { Scale = 1f, Mean = [2f, 0f, 0f] };

    [Theory]
    // A_k = w_k * u is rank one: M = u w^T, first right singular vector w/|w| (|w| = 5), projection 5u =
    // (10,-5,5,15), mean positive, ReLU -> (10,0,5,15).
    [InlineData(3f, 4f)]
    // Negated weights give -5u from the projection (or the other sign of v): the sign rule restores (10,0,5,15).
    [InlineData(-3f, -4f)]
    // Mixed-sign weights: still rank one, |w| = 5.
    [InlineData(3f, -4f)]
    public void Compute_EigenCamOnRankOneActivation_IsTheScaledFirstComponent(float w0, float w1)
    {
        using var temp = new TempDir();
        var path = CamTestModels.RankOne(temp, w0, w1);

        var result = CamTestModels.Single(path, CamTestModels.Red2x2(4, 1, 3, 5), CamTestModels.Request(CamMethod.EigenCam), Centered);

        Assert.Equal(new[] { 10f, 0f, 5f, 15f }, result.Map, Close);
    }

    [Fact]
    public void Compute_AblationCam_MatchesHandComputedWeights()
    {
        // Uniform 102/255 = 0.4: every quadrant mean s = 0.4, so channel k is 0.4 at quadrant k only.
        // y0 = 5s + 3s = 3.2; zeroing channel 0 drops it by 5s = 2 (weight 2/3.2 = 0.625), any other channel
        // by s (weight 0.125). Map at quadrant k = weight_k * 0.4.
        using var temp = new TempDir();
        var path = CamTestModels.QuadrantEvidence(temp);

        var result = CamTestModels.Single(path, CamTestModels.Uniform(4, 4, 102), CamTestModels.Request(CamMethod.AblationCam, ClassChoice.Of(0)),
            PreprocessOverrides.None);

        Assert.Equal(new[] { 0.25f, 0.05f, 0.05f, 0.05f }, result.Map, Close);
        Assert.Equal(3.2f, result.Score, 4);
    }

    [Fact]
    public void Compute_ScoreCam_MatchesHandComputedWeights()
    {
        // Channel k upsampled 2x2 -> 4x4 (half-pixel bilinear) is m(y) m(x) with m = (1, .75, .25, 0) towards
        // quadrant k; its quadrant means are .765625 (own), .109375 (the two neighbours), .015625 (opposite).
        // Masked logit 0 = 5 s'_0 + s'_1 + s'_2 + s'_3 with s'_q = 0.4 * mean mask in q:
        // channel 0: 0.4 * 4.0625 = 1.625; channels 1, 2: 0.4 * 1.4375 = 0.575; channel 3: 0.4 * 1.0625 = 0.425.
        using var temp = new TempDir();
        var path = CamTestModels.QuadrantEvidence(temp);
        float[] scores = [1.625f, 0.575f, 0.575f, 0.425f];
        var exp = scores.Select(MathF.Exp).ToArray();
        var expected = exp.Select(e => e / exp.Sum() * 0.4f).ToArray();

        var result = CamTestModels.Single(path, CamTestModels.Uniform(4, 4, 102), CamTestModels.Request(CamMethod.ScoreCam, ClassChoice.Of(0)),
            PreprocessOverrides.None);

        Assert.Equal(expected, result.Map, Close);
        Assert.Equal(0, Array.IndexOf(result.Map, result.Map.Max()));
    }

    [Theory]
    [InlineData(CamMethod.ScoreCam)]
    [InlineData(CamMethod.AblationCam)]
    public void Compute_EvidenceInTopLeftCorner_MapPeaksThereForABatch(CamMethod method)
    {
        // Four different images in one batch of 3 + 1; masks/ablations batched by 3.
        using var temp = new TempDir();
        var path = CamTestModels.QuadrantEvidence(temp);
        using var model = Models.PreparedModel.Open(path, PreprocessOverrides.None, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);
        var images = new byte[] { 40, 90, 160, 250 }.Select(v => ($"grey{v}", CamTestModels.Uniform(4, 4, v))).ToList();

        var results = analyzer.Compute(images, CamTestModels.Request(method, ClassChoice.Of(0), layer: "auto"), batchSize: 3);

        // auto: the last feature map before the head, i.e. what Flatten reads (the Shrink output).
        var lastFeatureMap = model.Runner.Model.Graph.Nodes.Single(n => n.OpType == "Flatten").Inputs[0];
        Assert.All(results, r =>
        {
            Assert.Equal(lastFeatureMap, r.Layer);
            // Score-CAM's softmax over raw logits flattens the weights of a dim image, but the order holds.
            Assert.True(r.Map[0] > r.Map[1] && r.Map[0] > r.Map[2] && r.Map[0] > r.Map[3], $"{r.Image}: {string.Join(", ", r.Map)}");
        });
    }

    [Fact]
    public void Compute_ConstantChannels_ScoreCamSkipsThemAndStaysFinite()
    {
        // A black image makes every channel zero (constant): nothing to mask with, the map is all zero.
        using var temp = new TempDir();
        var path = CamTestModels.QuadrantEvidence(temp);

        var result = CamTestModels.Single(path, CamTestModels.Uniform(4, 4, 0), CamTestModels.Request(CamMethod.ScoreCam, ClassChoice.Of(0)),
            PreprocessOverrides.None);

        Assert.All(result.Map, v => Assert.Equal(0f, v));
    }
}
