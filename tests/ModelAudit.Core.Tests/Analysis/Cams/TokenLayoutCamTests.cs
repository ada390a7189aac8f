using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Cams;

/// <summary>
/// CAMs of token and channels-last layers on <see cref="TokenModels"/>, against maps worked out by hand: the grid
/// tokens (class token dropped) laid out row-major on the 2x2 patch grid, channels last.
/// </summary>
public sealed class TokenLayoutCamTests
{
    private static readonly FloatTolerance Close = new(1e-4f);

    // W[c,k] row-major: class 0 weighs channel 0 by 1 and channel 1 by 2.
    private static readonly float[] W2 = [1, -1, 2, 0.5f];

    [Theory]
    // Gradient W[c,0]/5 everywhere: map = relu((s - 2 tl) / 5) = (14-2, 22-6, 46-18, 54-22) / 5.
    [InlineData(CamMethod.GradCam)]
    [InlineData(CamMethod.HiResCam)]
    [InlineData(CamMethod.LayerCam)]
    public void Compute_TokenLayerAfterClassToken_MatchesHandComputedMap(CamMethod method)
    {
        using var temp = new TempDir();
        var (path, tokens) = TokenModels.MeanPooled(temp, W2);

        var result = Run(path, method, tokens);

        Assert.Equal([2.4f, 3.2f, 5.6f, 6.4f], result.Map, Close);
        Assert.Equal((2, 2, LayerLayout.Tokens, 1), (result.MapWidth, result.MapHeight, result.Layout, result.SkippedTokens));
    }

    [Fact]
    public void Compute_ChannelsLastLayer_MatchesHandComputedMap()
    {
        using var temp = new TempDir();
        // Class 0 weighs (s, -tl, br) by (1, 2, -1): relu((s - 2 tl - br) / 4) = (14-2-6, 22-6-8, 46-18-14, 54-22-16) / 4.
        var (path, nhwc) = TokenModels.ChannelsLast(temp, [1, -1, 2, 0.5f, -1, 1]);

        var result = Run(path, CamMethod.GradCam, nhwc);

        Assert.Equal([1.5f, 2f, 3.5f, 4f], result.Map, Close);
        Assert.Equal(LayerLayout.Nhwc, result.Layout);
    }

    [Fact]
    public void Compute_EigenCamOnTokens_IsTheFirstPrincipalMapOfTheGridTokens()
    {
        using var temp = new TempDir();
        var (path, tokens) = TokenModels.MeanPooled(temp, W2);

        var result = Run(path, CamMethod.EigenCam, tokens);

        // Grid tokens (s, -tl) = (14,-1), (22,-3), (46,-9), (54,-11): the map grows with s, so its order is the patches'.
        Assert.True(result.Map[0] < result.Map[1] && result.Map[1] < result.Map[2] && result.Map[2] < result.Map[3], string.Join(", ", result.Map));
    }

    [Fact]
    public void Compute_AblationCamOnTokens_GatesEveryTokensChannel()
    {
        using var temp = new TempDir();
        var (path, tokens) = TokenModels.MeanPooled(temp, W2);

        var result = Run(path, CamMethod.AblationCam, tokens);

        Assert.Equal(4, result.Map.Length);
        Assert.Contains(result.Map, v => v > 0);
    }

    [Fact]
    public void ResolveLayer_AutoOnMeanPooledTokens_PicksTheTokenLayerWithItsPatchGrid()
    {
        using var temp = new TempDir();
        var (path, tokens) = TokenModels.MeanPooled(temp, W2);
        using var model = PreparedModel.Open(path, CamTestModels.Raw, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu);

        Assert.Equal(tokens, analyzer.ResolveLayer("auto"));
        Assert.Equal(new LayerGrid(LayerLayout.Tokens, 2, 2, 2, 1), analyzer.DescribeLayer("auto"));
    }

    [Fact]
    public void ResolveLayer_AutoWithClassTokenReadout_PicksTheAttentionInputNotTheBlankResidual()
    {
        using var temp = new TempDir();
        var (path, tokens, residual) = TokenModels.ClassTokenReadout(temp, W2);

        var auto = Run(path, CamMethod.GradCam, "auto");
        var afterAttention = Run(path, CamMethod.HiResCam, residual);

        Assert.Equal(tokens, auto.Layer);
        Assert.Contains(auto.Map, v => v > 0);
        // Past the attention only the class token reaches the logits: every grid token's gradient is zero.
        Assert.All(afterAttention.Map, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Compute_GivenGridAndLayout_OverrideTheGuess()
    {
        using var temp = new TempDir();
        var (path, tokens) = TokenModels.MeanPooled(temp, W2);

        // A 1x4 grid of the same four grid tokens: the same numbers, one row.
        var result = Run(path, CamMethod.GradCam, tokens, new LayerHints(LayerLayout.Tokens, new TokenGridSize(1, 4)));

        Assert.Equal([2.4f, 3.2f, 5.6f, 6.4f], result.Map, Close);
        Assert.Equal((4, 1), (result.MapWidth, result.MapHeight));
    }

    [Theory]
    [InlineData(LayerLayout.Nchw, null, "reads 4-D layers; a 3-D [N, T, C] layer is tokens")]
    [InlineData(null, "3x3", "the grid 3x3 has 9 cells but the layer only 5 tokens")]
    public void Compute_HintThatDoesNotFit_SaysWhatToChange(LayerLayout? layout, string? grid, string expected)
    {
        using var temp = new TempDir();
        var (path, tokens) = TokenModels.MeanPooled(temp, W2);
        var hints = new LayerHints(layout, grid is null ? null : TokenGridSize.Parse(grid));

        var error = Assert.Throws<ModelAuditException>(() => Run(path, CamMethod.GradCam, tokens, hints));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(tokens, error.Message, StringComparison.Ordinal);
    }

    private static CamResult Run(string path, CamMethod method, string layer, LayerHints? hints = null)
    {
        using var model = PreparedModel.Open(path, CamTestModels.Raw, CamTestModels.Cpu);
        using var analyzer = new CamAnalyzer(model, CamTestModels.Cpu, hints);
        return analyzer.Compute([("ramp", TokenModels.Ramp())], CamTestModels.Request(method, ClassChoice.Of(0), layer))[0];
    }
}
