using ModelAudit.Core.Analysis.Cams;

namespace ModelAudit.Core.Tests.Analysis.Cams;

public sealed class LayerGridTests
{
    [Fact]
    public void ChannelMajor_TokensWithLeadingTokens_DropsThemAndTransposes()
    {
        // Tokens [T=3, C=2]: a class token (9, 9), then grid tokens (1, 2) and (3, 4) on a 1x2 grid.
        var grid = new LayerGrid(LayerLayout.Tokens, Channels: 2, Height: 1, Width: 2, SkippedTokens: 1);

        Assert.Equal([1f, 3f, 2f, 4f], grid.ChannelMajor([9, 9, 1, 2, 3, 4]));
    }

    [Fact]
    public void ChannelMajor_ChannelsLast_Transposes()
    {
        var grid = new LayerGrid(LayerLayout.Nhwc, Channels: 3, Height: 1, Width: 2);

        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], grid.ChannelMajor([1, 2, 3, 4, 5, 6]));
    }

    [Theory]
    [InlineData(new long[] { 1, 197, 768 }, LayerLayout.Tokens, 768, 14, 14, 1)]   // ViT-B/16: class token
    [InlineData(new long[] { 1, 198, 384 }, LayerLayout.Tokens, 384, 14, 14, 2)]   // DeiT distilled: class + distillation
    [InlineData(new long[] { 1, 201, 768 }, LayerLayout.Tokens, 768, 14, 14, 5)]   // class + 4 registers
    [InlineData(new long[] { 1, 49, 768 }, LayerLayout.Tokens, 768, 7, 7, 0)]      // Swin stage output [N, H*W, C]
    [InlineData(new long[] { 1, 7, 7, 768 }, LayerLayout.Nhwc, 768, 7, 7, 0)]      // Swin-T / channels-last ConvNeXt
    [InlineData(new long[] { 1, 512, 7, 7 }, LayerLayout.Nchw, 512, 7, 7, 0)]      // CNN
    [InlineData(new long[] { 1, 200, 1, 48 }, LayerLayout.Nchw, 200, 1, 48, 0)]    // neither square: the input's layout
    public void TryResolve_CommonShapes_GuessesLayoutAndGrid(long[] shape, LayerLayout layout, int channels, int height, int width, int skipped)
    {
        var resolver = new LayerGridResolver([], LayerHints.None, false);

        Assert.Equal(new LayerGrid(layout, channels, height, width, skipped), resolver.TryResolve(shape, out _));
    }

    [Fact]
    public void TryResolve_TokensWithoutSquare_AsksForGrid()
    {
        var resolver = new LayerGridResolver([], LayerHints.None, false);

        Assert.Null(resolver.TryResolve([1, 165, 64], out var problem));
        Assert.Contains("--grid HxW", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_AmbiguousSquareCube_FollowsTheInputLayout()
    {
        Assert.Equal(LayerLayout.Nhwc, new LayerGridResolver([], LayerHints.None, true).TryResolve([1, 8, 8, 8], out _)!.Layout);
        Assert.Equal(LayerLayout.Nchw, new LayerGridResolver([], LayerHints.None, false).TryResolve([1, 8, 8, 8], out _)!.Layout);
    }

    [Fact]
    public void TryResolve_PatchGrid_DecidesTokensAndChannelsLast()
    {
        // A 16x12 patch embedding: 193 tokens = 1 + 16*12 (not a square), and [1,16,12,64] is channels last.
        var resolver = new LayerGridResolver([new TokenGridSize(16, 12)], LayerHints.None, false);

        Assert.Equal(new LayerGrid(LayerLayout.Tokens, 64, 16, 12, 1), resolver.TryResolve([1, 193, 64], out _));
        Assert.Equal(LayerLayout.Nhwc, resolver.TryResolve([1, 16, 12, 64], out _)!.Layout);
    }

    [Theory]
    [InlineData("14x14", 14, 14)]
    [InlineData(" 7X9 ", 7, 9)]
    public void TokenGridSize_Parse_ReadsHeightByWidth(string text, int height, int width) =>
        Assert.Equal(new TokenGridSize(height, width), TokenGridSize.Parse(text));

    [Theory]
    [InlineData("14")]
    [InlineData("0x4")]
    [InlineData("-2x4")]
    [InlineData("axb")]
    public void TokenGridSize_Parse_RejectsOtherText(string text) =>
        Assert.Contains("HxW", Assert.Throws<ModelAuditException>(() => TokenGridSize.Parse(text)).Message, StringComparison.Ordinal);
}
