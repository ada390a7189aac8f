using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Cams;

/// <summary>
/// The gradient methods on <see cref="CamTestModels.LinearHead"/> with red = [1,2,3,4]:
/// A0 = [1,2,3,4], A1 = relu(2 - red/2) = [1.5,1,0.5,0]; the gradient of logit c is row c of W,
/// W0 = (2,-1,0.5,0 | 1,-3,-2,3), W1 = (-1,0,0.25,1 | 0,2,1,-1); logits y0 = -1, y1 = 6.25.
/// </summary>
public sealed class GradientCamTests
{
    private static readonly float[] W = [2, -1, 0.5f, 0, 1, -3, -2, 3, -1, 0, 0.25f, 1, 0, 2, 1, -1];
    private static readonly FloatTolerance Close = new(1e-5f);

    [Theory]
    // alpha = mean g = (0.375, -0.25): relu(0.375*A0 - 0.25*A1).
    [InlineData(CamMethod.GradCam, 0, new[] { 0f, 0.5f, 1f, 1.5f })]
    // alpha = (0.0625, 0.5): 0.0625*A0 + 0.5*A1.
    [InlineData(CamMethod.GradCam, 1, new[] { 0.8125f, 0.625f, 0.4375f, 0.25f })]
    // relu(g0*A0 + g1*A1) per position: (2+1.5, -2-3, 1.5-1, 0+0).
    [InlineData(CamMethod.HiResCam, 0, new[] { 3.5f, 0f, 0.5f, 0f })]
    [InlineData(CamMethod.HiResCam, 1, new[] { 0f, 2f, 1.25f, 4f })]
    // relu(g) keeps (2,0,0.5,0 | 1,0,0,3): (2+1.5, 0, 1.5, 0).
    [InlineData(CamMethod.LayerCam, 0, new[] { 3.5f, 0f, 1.5f, 0f })]
    // alpha0 = (2-2+1.5+0)/10 = 0.15, alpha1 = (1.5-3-1+0)/3 = -5/6: relu(0.15*A0 - 5/6*A1).
    [InlineData(CamMethod.XGradCam, 0, new[] { 0f, 0f, 0.0333333f, 0.6f })]
    // alpha0 = (-1+0+0.75+4)/10 = 0.375, alpha1 = (0+2+0.5+0)/3 = 5/6.
    [InlineData(CamMethod.XGradCam, 1, new[] { 1.625f, 1.5833333f, 1.5416667f, 1.5f })]
    // sum(A0) = 10, sum(A1) = 3; a = g^2/(2g^2 + S g^3) where g > 0:
    // w0 = 2*4/88 + 0.5*0.25/1.75 = 0.16233766, w1 = 1*1/5 + 3*9/99 = 0.47272727.
    [InlineData(CamMethod.GradCamPlusPlus, 0, new[] { 0.8714286f, 0.7974026f, 0.7233766f, 0.6493507f })]
    // w0 = 0.25*0.0625/(0.125+10*0.015625) + 1/(2+10) = 0.13888889, w1 = 2*4/(8+24) + 1/(2+3) = 0.45.
    [InlineData(CamMethod.GradCamPlusPlus, 1, new[] { 0.8138889f, 0.7277778f, 0.6416667f, 0.5555556f })]
    public void Compute_LinearHead_MatchesHandComputedMap(CamMethod method, int classIndex, float[] expected)
    {
        using var temp = new TempDir();
        var path = CamTestModels.LinearHead(temp, W);

        var result = CamTestModels.Single(path, CamTestModels.Red2x2(1, 2, 3, 4), CamTestModels.Request(method, ClassChoice.Of(classIndex)));

        Assert.Equal(expected, result.Map, Close);
        Assert.Equal((2, 2), (result.MapWidth, result.MapHeight));
        Assert.Equal("features", result.Layer);
        Assert.Equal(classIndex == 0 ? -1f : 6.25f, result.Score, 5);
    }

    [Fact]
    public void Compute_GradCamOnAFusableModel_RunsOnlyTheFusedSessionWithoutAShapeProbe()
    {
        // Opset 13 with declared inputs and outputs: shapes come from the graph, the prediction from the fused
        // gradient session; the plain session is never opened. The map is still the hand-computed one above.
        using var temp = new TempDir();
        var path = CamTestModels.LinearHead(temp, W);
        using var model = Models.PreparedModel.Open(path, CamTestModels.Raw, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);

        var result = analyzer.Compute([("image", CamTestModels.Red2x2(1, 2, 3, 4))], CamTestModels.Request(CamMethod.GradCam, ClassChoice.Of(1)))[0];

        Assert.True(model.Gradients.Fuses);
        Assert.False(model.Runner.SessionOpened);
        Assert.Equal(0, model.Runner.ShapeProbes);
        Assert.Equal(new[] { 0.8125f, 0.625f, 0.4375f, 0.25f }, result.Map, Close);
    }

    [Fact]
    public void Compute_TopClass_ExplainsTheArgmaxWithItsSoftmaxProbability()
    {
        using var temp = new TempDir();
        var path = CamTestModels.LinearHead(temp, W);

        var result = CamTestModels.Single(path, CamTestModels.Red2x2(1, 2, 3, 4), CamTestModels.Request(CamMethod.GradCam) with { Labels = ["cat", "dog"] });

        var p1 = 1 / (1 + MathF.Exp(-7.25f));
        Assert.Equal((1, "dog"), (result.Class, result.Label));
        Assert.Equal(p1, result.Probability, 5);
        Assert.Equal((1, p1), (result.PredictedClass, result.PredictedProbability), (a, b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-5);
    }

    [Fact]
    public void Compute_ExplicitNonTopClass_ReportsThatClassAndThePrediction()
    {
        using var temp = new TempDir();
        var path = CamTestModels.LinearHead(temp, W);

        var result = CamTestModels.Single(path, CamTestModels.Red2x2(1, 2, 3, 4), CamTestModels.Request(CamMethod.GradCam, ClassChoice.Of(0)));

        Assert.Equal(0, result.Class);
        Assert.Equal(1 / (1 + MathF.Exp(7.25f)), result.Probability, 6);
        Assert.Equal(1, result.PredictedClass);
    }

    [Fact]
    public void Compute_Batch_EachImageGetsItsOwnClassAndMap()
    {
        using var temp = new TempDir();
        var path = CamTestModels.LinearHead(temp, W);
        using var model = Models.PreparedModel.Open(path, CamTestModels.Raw, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);
        var reported = new List<int>();
        // red = 0 everywhere: A0 = 0, A1 = 2; y0 = 2*(1-3-2+3) = -2, y1 = 2*(0+2+1-1) = 4: top is class 1 again,
        // Grad-CAM alpha1 = 0.5 gives a flat 1.
        var images = new[] { ("a", CamTestModels.Red2x2(1, 2, 3, 4)), ("b", CamTestModels.Red2x2(0, 0, 0, 0)), ("c", CamTestModels.Red2x2(1, 2, 3, 4)) };

        var results = analyzer.Compute(images, CamTestModels.Request(CamMethod.GradCam), batchSize: 2, progress: new SyncProgress(reported));

        Assert.Equal(["a", "b", "c"], results.Select(r => r.Image));
        Assert.Equal(new[] { 0.8125f, 0.625f, 0.4375f, 0.25f }, results[0].Map, Close);
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, results[1].Map, Close);
        Assert.Equal(results[0].Map, results[2].Map);
        Assert.Equal([1, 2, 3], reported);
    }

    [Fact]
    public void Compute_OperatorWithoutGradientRule_FailsNamingItForGradientMethods()
    {
        using var temp = new TempDir();
        var path = CamTestModels.RankOne(temp, 3, 4);

        var error = Assert.Throws<ModelAuditException>(() =>
            CamTestModels.Single(path, CamTestModels.Red2x2(1, 2, 3, 4), CamTestModels.Request(CamMethod.GradCam)));

        Assert.Contains("Shrink", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SyncProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }
}
