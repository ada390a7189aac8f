using ModelAudit.Core.Reporting.Maps;

namespace ModelAudit.Core.Tests.Reporting.Maps;

public sealed class TopRegionTests
{
    [Fact]
    public void Mask_TwentyPercentOfTen_IsTheTwoHighestPositivePixels()
    {
        float[] map = [0, 5, 1, 9, 2, 0, 3, 4, 0, 1];

        var mask = TopRegion.Mask(map, 20);

        Assert.Equal([false, true, false, true, false, false, false, false, false, false], mask);
    }

    [Fact]
    public void Mask_FewerPositivePixelsThanTheShare_TakesOnlyThePositiveOnes()
    {
        float[] map = [0, 0, 3, 0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(1, TopRegion.Mask(map, 50).Count(x => x));
    }

    [Fact]
    public void Outline_OnePixel_IsItsFourEdges()
    {
        var mask = new bool[9];
        mask[4] = true; // the middle of 3x3

        Assert.Equal("M1 1H2M1 2H2M1 1V2M2 1V2", TopRegion.Outline(mask, 3, 3));
    }

    [Fact]
    public void Outline_FullRow_MergesEdgesIntoOneSegmentPerSide()
    {
        var mask = new bool[8];
        for (var x = 0; x < 4; x++)
        {
            mask[4 + x] = true; // the second row of 4x2
        }

        Assert.Equal("M0 1H4M0 2H4M0 1V2M4 1V2", TopRegion.Outline(mask, 4, 2));
    }
}
