using ModelAudit.Imaging.Png;

namespace ModelAudit.Imaging.Tests.Png;

public sealed class PngUnitTests
{
    [Fact]
    public void Compute_CheckString_GivesPublishedCheckValue()
    {
        // The CRC-32 catalogue's check value for "123456789".
        Assert.Equal(0xCBF43926u, PngCrc32.Compute("123456789"u8));
    }

    [Fact]
    public void Compute_IendType_MatchesEveryPngsIendCrc()
    {
        Assert.Equal(0xAE426082u, PngCrc32.Compute("IEND"u8));
    }

    [Fact]
    public void Compute_RandomData_MatchesBitwiseDefinition()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);

        Assert.Equal(PngDecoderErrorTests.BitwiseCrc(data), PngCrc32.Compute(data));
    }

    [Theory]
    [InlineData(10, 20, 10, 20)] // p = 20: |p-a| = 10, |p-b| = 0 -> b
    [InlineData(20, 10, 10, 20)] // p = 20 -> a wins ties first
    [InlineData(5, 5, 200, 5)]   // p = -190: a and b tie at 195, a first
    [InlineData(100, 50, 60, 100)] // p = 90: pa 10, pb 40, pc 30 -> a
    [InlineData(50, 100, 90, 50)]  // p = 60: pa 10, pb 40, pc 30 -> a
    [InlineData(60, 70, 65, 65)]   // p = 65: pa 5, pb 5, pc 0 -> c
    public void PaethPredictor_HandComputed_PicksNearest(byte a, byte b, byte c, byte expected)
    {
        Assert.Equal(expected, PngFilters.PaethPredictor(a, b, c));
    }

    [Fact]
    public void TryUnfilter_SubAndAverageByHand_Reconstructs()
    {
        // Sub with stride 1: running sums mod 256.
        byte[] sub = [10, 20, 250];
        Assert.True(PngFilters.TryUnfilter(PngFilters.Sub, sub, new byte[3], 1));
        Assert.Equal([10, 30, 24], sub);

        // Average with stride 1 over prior [100, 0, 9]: 55 + (0+100)/2 = 105; 1 + (105+0)/2 = 53; 3 + (53+9)/2 = 34.
        byte[] average = [55, 1, 3];
        Assert.True(PngFilters.TryUnfilter(PngFilters.Average, average, [100, 0, 9], 1));
        Assert.Equal([105, 53, 34], average);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Filter_ThenUnfilter_RestoresRow(int type)
    {
        var random = new Random(type);
        foreach (var stride in new[] { 1, 2, 3, 4, 6, 8 })
        {
            for (var length = 0; length <= 40; length++)
            {
                var row = new byte[length];
                var prior = new byte[length];
                random.NextBytes(row);
                random.NextBytes(prior);
                var filtered = new byte[length];

                PngFilters.Filter(type, row, prior, stride, filtered);
                Assert.True(PngFilters.TryUnfilter(type, filtered, prior, stride));

                Assert.Equal(row, filtered);
            }
        }
    }

    [Fact]
    public void TryUnfilter_UnknownType_ReturnsFalse()
    {
        Assert.False(PngFilters.TryUnfilter(5, new byte[4], new byte[4], 1));
    }

    [Fact]
    public void Passes_13x7_HandComputedSizes()
    {
        // Columns: pass 1 x=0,8; 2 x=4,12; 3 x=0,4,8,12; 4 x=2,6,10; 5 every even x; 6 odd x; 7 all.
        // Rows: pass 1-2 y=0; 3 y=4; 4 y=0,4; 5 y=2,6; 6 y=0,2,4,6; 7 y=1,3,5.
        var sizes = Adam7.Passes(13, 7, interlaced: true).Select(p => (p.Width, p.Height));

        Assert.Equal([(2, 1), (2, 1), (4, 1), (3, 2), (7, 2), (6, 4), (13, 3)], sizes);
    }

    [Fact]
    public void Passes_AnySize_CoverEveryPixelOnce()
    {
        for (var w = 1; w <= 17; w++)
        {
            for (var h = 1; h <= 17; h++)
            {
                var hits = new int[w * h];
                foreach (var p in Adam7.Passes(w, h, interlaced: true))
                {
                    for (var r = 0; r < p.Height; r++)
                    {
                        for (var c = 0; c < p.Width; c++)
                        {
                            hits[((p.Y0 + (r * p.DY)) * w) + p.X0 + (c * p.DX)]++;
                        }
                    }
                }

                Assert.All(hits, n => Assert.Equal(1, n));
            }
        }
    }
}
