using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit.Layers;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Audit.Layers;

/// <summary>
/// A 96x96 input (stretch) and the maps of a small convnet: 48x48, 24x24, 12x12, 4x4, i.e. cells of 2, 4, 8 and 24
/// input pixels. Images of 192x192 are halved, so a cell is twice as many of their pixels. A map fits a region when two
/// of its cells span the region on each axis.
/// </summary>
public sealed class LayerFitTests
{
    private static readonly PreprocessSpec Spec = new() { Width = 96, Height = 96 };

    private static readonly IReadOnlyList<(string Value, LayerGrid Grid)> Maps =
    [
        ("conv1", Grid(48)), ("conv2", Grid(24)), ("conv3", Grid(12)), ("pool3", Grid(4)),
    ];

    private static LayerGrid Grid(int side) => new(LayerLayout.Nchw, 8, side, side);

    // A box of w x h pixels of a 192x192 image: w/2 x h/2 input pixels.
    private static RegionExtent Box(string image, double w, double h) => new(image, "box", w, h, 0.5, 0.5);

    [Fact]
    public void Choose_RegionsLargerThanTheLastCells_TakesTheLastMap()
    {
        // 100x100 pixels = 50x50 input pixels: two 24-pixel cells span it.
        var fit = LayerFit.Choose("m", Maps, [Box("a.png", 120, 110), Box("b.png", 100, 100)], Spec);

        Assert.Equal("pool3", fit.Value);
        Assert.Null(fit.Warning);
        Assert.Equal(
            "'pool3', the last feature map on the path to the output: its 4x4 map (cells of 24x24 input pixels) puts at least two cells across the smallest "
            + "expected region (the 100x100-pixel box of b.png, where a cell is 48x48 pixels)",
            fit.Choice);
    }

    [Fact]
    public void Choose_TheIssuesTwentyPixelBoxes_TakesTheLastMapWhoseCellsFit()
    {
        // The issue's case: 20-pixel boxes at 1:1 under 24-pixel cells. At 1:2 here, 40 pixels = 20 input pixels:
        // two 24-pixel cells do not fit in it, two 8-pixel ones do (conv3, 12x12).
        var fit = LayerFit.Choose("m", Maps, [Box("a.png", 40, 40), Box("b.png", 100, 100)], Spec);

        Assert.Equal("conv3", fit.Value);
        Assert.Null(fit.Warning);
        Assert.Equal(
            "'conv3', the last feature map with at least two cells across the smallest expected region (the 40x40-pixel box of a.png, where a cell is 16x16 pixels): "
            + "its 12x12 map (cells of 8x8 input pixels); the later 'pool3' has a 4x4 map (cells of 24x24 input pixels)",
            fit.Choice);
    }

    [Fact]
    public void Choose_ANarrowRegion_FitsOnItsNarrowAxis()
    {
        // 100x8 pixels = 50x4 input pixels: only conv1's 2-pixel cells fit twice into 4.
        var fit = LayerFit.Choose("m", Maps, [Box("line.png", 100, 8)], Spec);

        Assert.Equal("conv1", fit.Value);
    }

    [Fact]
    public void Choose_NoMapFits_TakesTheLastAndWarnsWithoutARemedyLayer()
    {
        // 2x2 pixels = 1x1 input pixel: smaller than one of conv1's 2-pixel cells.
        var fit = LayerFit.Choose("m", Maps, [Box("a.png", 2, 2)], Spec);

        Assert.Equal("pool3", fit.Value);
        Assert.Equal(
            "m: layer 'pool3' has cells of 24x24 input pixels (a 4x4 map over the 96x96 input), 48x48 pixels in a.png: fewer than two across the 2x2-pixel box there, "
            + "the smallest expected region; no feature map on the path to the output has cells that small: give larger regions, "
            + "or thresholds this layer can meet (`modelaudit calibrate` measures them)",
            fit.Warning);
        Assert.StartsWith("'pool3', the last feature map on the path to the output, a 4x4 map (cells of 24x24 input pixels): no feature map has two cells across", fit.Choice);
    }

    [Fact]
    public void Choose_NoRegions_TakesTheLastMapAndSaysSo()
    {
        var fit = LayerFit.Choose("m", Maps, [], Spec);

        Assert.Equal("pool3", fit.Value);
        Assert.Null(fit.Warning);
        Assert.Contains("no expected region", fit.Choice, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NamedLayerTooCoarse_KeepsItAndNamesTheLastLayerThatFits()
    {
        var fit = LayerFit.Check("m", "pool3", Grid(4), Maps, [Box("a.png", 40, 40)], Spec);

        Assert.Equal("pool3", fit.Value);
        Assert.Null(fit.Choice);
        Assert.Equal(
            "m: layer 'pool3' has cells of 24x24 input pixels (a 4x4 map over the 96x96 input), 48x48 pixels in a.png: fewer than two across the 40x40-pixel box there, "
            + "the smallest expected region; layer 'conv3' (cells of 8x8 input pixels, 16x16 in a.png) has two across every region: set \"layer\": \"conv3\"",
            fit.Warning);
    }

    [Fact]
    public void Check_NamedLayerThatFits_NoWarning()
    {
        var fit = LayerFit.Check("m", "conv2", Grid(24), Maps, [Box("a.png", 40, 40)], Spec);

        Assert.Null(fit.Warning);
    }

    [Fact]
    public void Check_TwoCellsExactlyAcrossTheRegion_Fits()
    {
        // 96 pixels = 48 input pixels = two pool3 cells; two pixels less and they no longer fit.
        Assert.Null(LayerFit.Check("m", "pool3", Grid(4), Maps, [Box("a.png", 96, 96)], Spec).Warning);
        Assert.NotNull(LayerFit.Check("m", "pool3", Grid(4), Maps, [Box("a.png", 96, 94)], Spec).Warning);
    }
}
