using ModelAudit.Core.Analysis.Filters;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class AscentTargetTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(14, 1)]
    [InlineData(16, 2)]
    [InlineData(48, 5)]
    public void Margin_MapSide_DropsAboutTenPercentAndAtLeastOnePixelFromFive(int side, int expected)
    {
        Assert.Equal(expected, AscentTarget.ChannelMean.Margin(side));
    }

    [Fact]
    public void ChannelMean_FourDimensionalMap_WeightsTheCroppedRegionOfItsChannelOnly()
    {
        // [N=2, C=3, 5, 6]: margin 1 on both axes keeps rows 1..3 and columns 1..4 = 12 elements of 1/12.
        long[] shape = [2, 3, 5, 6];
        var row = new float[3 * 5 * 6];

        new AscentTarget.ChannelMean().WriteSeed(shape, 2, row);

        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 5; y++)
            {
                for (var x = 0; x < 6; x++)
                {
                    var inside = c == 2 && y is >= 1 and <= 3 && x is >= 1 and <= 4;
                    Assert.Equal(inside ? 1f / 12f : 0f, row[(c * 30) + (y * 6) + x]);
                }
            }
        }
    }

    [Fact]
    public void ChannelMean_FlatValue_AveragesTheWholeUnit()
    {
        var row = new float[4];

        new AscentTarget.ChannelMean().WriteSeed([1, 4], 1, row);

        Assert.Equal([0f, 1f, 0f, 0f], row);
    }

    [Fact]
    public void ClassScore_HeadWithTrailingAxes_CountsEveryElementOfTheClass()
    {
        var row = new float[6];

        new AscentTarget.ClassScore().WriteSeed([1, 3, 2], 1, row);

        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f], row);
        Assert.Equal(7f, AscentTarget.Objective(row, [9f, 9f, 3f, 4f, 9f, 9f]));
    }
}
