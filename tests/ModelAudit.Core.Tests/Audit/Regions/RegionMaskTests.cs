using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Regions;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Regions;

public sealed class RegionMaskTests
{
    /// <summary>Draws a mask as rows of '#' (inside) and '.' (outside), for comparison with hand drawings.</summary>
    private static string[] Draw(bool[] mask, int width) =>
        mask.Chunk(width).Select(row => new string(row.Select(b => b ? '#' : '.').ToArray())).ToArray();

    [Fact]
    public void Rasterize_Triangle_MatchesHandDrawing()
    {
        var mask = RegionMask.Rasterize([new PolygonRegion([(0, 0), (4, 0), (0, 4)])], 4, 4);

        // Centers on the hypotenuse (x + y = 3) are on the right edge of their span: outside.
        Assert.Equal(["###.", "##..", "#...", "...."], Draw(mask, 4));
    }

    [Fact]
    public void Rasterize_ConcaveU_MatchesHandDrawing()
    {
        var u = new PolygonRegion([(0, 0), (1, 0), (1, 3), (3, 3), (3, 0), (4, 0), (4, 4), (0, 4)]);

        Assert.Equal(["#..#", "#..#", "#..#", "####"], Draw(RegionMask.Rasterize([u], 4, 4), 4));
    }

    [Fact]
    public void Rasterize_ConcaveL_MatchesHandDrawing()
    {
        var l = new PolygonRegion([(0, 0), (2, 0), (2, 2), (4, 2), (4, 4), (0, 4)]);

        Assert.Equal(["##..", "##..", "####", "####"], Draw(RegionMask.Rasterize([l], 4, 4), 4));
    }

    [Fact]
    public void Rasterize_SelfIntersectingBowTie_UsesEvenOdd()
    {
        // Two triangles meeting at (2, 2): left (0,0)-(0,4)-(2,2) and right (4,0)-(4,4)-(2,2); the middle
        // between the crossing diagonals is outside. Spans are [left, right): a center exactly on a left
        // edge (3.5, 0.5) is inside, one exactly on a right edge (0.5, 0.5) is not.
        var bowTie = new PolygonRegion([(0, 0), (4, 4), (4, 0), (0, 4)]);

        Assert.Equal(["...#", "#.##", "#.##", "...#"], Draw(RegionMask.Rasterize([bowTie], 4, 4), 4));
    }

    [Fact]
    public void Rasterize_BoxAndPolygonUnion_CoversBoth()
    {
        Region[] regions = [new BoxRegion(1, 1, 2, 1), new PolygonRegion([(3, 3), (5, 3), (5, 5), (3, 5)])];

        Assert.Equal([".....", ".##..", ".....", "...##", "...##"], Draw(RegionMask.Rasterize(regions, 5, 5), 5));
    }

    [Fact]
    public void Rasterize_FractionalBox_TakesPixelsWhoseCentersAreInside()
    {
        // Centers 0.5 < 0.6 (out), 1.5 in [0.6, 1.6) (in); rows: 0.5 in [0.2, 1.2) (in), 1.5 out.
        var mask = RegionMask.Rasterize([new BoxRegion(0.6, 0.2, 1, 1)], 3, 2);

        Assert.Equal([".#.", "..."], Draw(mask, 3));
    }

    [Fact]
    public void Rasterize_BoxPartlyOutside_ClipsToImage()
    {
        Assert.Equal(["#..", "...", "..."], Draw(RegionMask.Rasterize([new BoxRegion(-2, -2, 3, 3)], 3, 3), 3));
        Assert.All(RegionMask.Rasterize([new BoxRegion(10, 10, 3, 3)], 3, 3), Assert.False);
    }

    [Fact]
    public void Rasterize_Mask_InsideWhereOpaqueAndColored()
    {
        using var temp = new TempDir();
        var image = new Image(3, 1);
        // (255,0,0,255) inside; (0,0,0,255) outside; (9,9,9,0) transparent: outside.
        image.Pixels[0] = 255;
        image.Pixels[3] = 255;
        image.Pixels[7] = 255;
        image.Pixels[8] = image.Pixels[9] = image.Pixels[10] = 9;
        PngEncoder.Save(image, temp.File("mask.png"));

        var mask = RegionMask.Rasterize([new MaskRegion("mask.png", temp.File("mask.png"))], 3, 1);

        Assert.Equal(["#.."], Draw(mask, 3));
    }

    [Fact]
    public void Rasterize_MaskOfOtherSize_ThrowsNamingMaskAndEntry()
    {
        using var temp = new TempDir();
        PngEncoder.Save(new Image(2, 2), temp.File("mask.png"));
        var region = new MaskRegion("masks/m.png", temp.File("mask.png")) { ConfigFile = "/x/modelaudit.json", Location = new SourceLocation(7, 21) };

        var e = Assert.Throws<ConfigException>(() => RegionMask.Rasterize([region], 3, 2));

        Assert.Equal(DiagnosticCodes.FileProblem, e.Code);
        Assert.Equal((7, 21), (e.Line, e.Column));
        Assert.Equal("/x/modelaudit.json(7,21): error MA1002: mask masks/m.png is 2x2 but the image is 3x2; a mask must have the image's size", e.Message);
    }

    [Fact]
    public void Shape_Box_ListsCornersClockwise()
    {
        Assert.Equal(new RegionShape("box", [(1, 2), (4, 2), (4, 6), (1, 6)]).Points, new BoxRegion(1, 2, 3, 4).Shape().Points);
    }

    [Fact]
    public void Shape_Mask_IsBoundingBoxOfInsidePixels()
    {
        using var temp = new TempDir();
        var image = new Image(4, 4);
        foreach (var (x, y) in new[] { (1, 1), (2, 2) })
        {
            image.Pixels[((y * 4) + x) * 4] = 255;
            image.Pixels[(((y * 4) + x) * 4) + 3] = 255;
        }

        PngEncoder.Save(image, temp.File("m.png"));

        var shape = new MaskRegion("m.png", temp.File("m.png")).Shape();

        Assert.Equal("mask", shape.Kind);
        Assert.Equal([(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0)], shape.Points);
    }
}
