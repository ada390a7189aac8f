using ModelAudit.Imaging.Colormaps;
using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Imaging.Tests.Colormaps;

public sealed class ColormapTests
{
    [Fact]
    public void Get_UnknownName_ThrowsListingKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Colormap.Get("rainbow"));
        Assert.Contains("rainbow", e.Message, StringComparison.Ordinal);
        Assert.Contains("viridis, jet, turbo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_AnyCase_ReturnsTheNamedMap()
    {
        Assert.Same(Colormap.Viridis, Colormap.Get("VIRIDIS"));
        Assert.Same(Colormap.Jet, Colormap.Get("jet"));
        Assert.Same(Colormap.Turbo, Colormap.Get("Turbo"));
        Assert.Equal(["viridis", "jet", "turbo"], Colormap.Names);
    }

    [Fact]
    public void Viridis_Endpoints_AreThePublishedHexColors()
    {
        Assert.Equal(new Rgba(0x44, 0x01, 0x54), Colormap.Viridis.Map(0f));
        Assert.Equal(new Rgba(0xFD, 0xE7, 0x25), Colormap.Viridis.Map(1f));
    }

    // matplotlib 3.6 float entries (cmap(i)[:3]); the tables hold them rounded to bytes. Jet's ramps put
    // many entries exactly on a .5 byte boundary (e.g. green 64 = 128.5), where float noise decides the
    // rounding, so jet gets one unit of slack.
    [Theory]
    [InlineData("viridis", 64, 0.229739, 0.322361, 0.545706, 0)]
    [InlineData("viridis", 128, 0.127568, 0.566949, 0.550556, 0)]
    [InlineData("viridis", 200, 0.440137, 0.811138, 0.340967, 0)]
    [InlineData("turbo", 0, 0.189950, 0.071760, 0.232170, 0)]
    [InlineData("turbo", 64, 0.158440, 0.735510, 0.923050, 0)]
    [InlineData("turbo", 128, 0.643620, 0.989990, 0.233560, 0)]
    [InlineData("turbo", 200, 0.958010, 0.399580, 0.088310, 0)]
    [InlineData("turbo", 255, 0.479600, 0.015830, 0.010550, 0)]
    [InlineData("jet", 0, 0, 0, 0.5, 1)]
    [InlineData("jet", 64, 0, 0.503922, 1, 1)]
    [InlineData("jet", 128, 0.490196, 1, 0.477546, 1)]
    [InlineData("jet", 200, 1, 0.465505, 0, 1)]
    [InlineData("jet", 255, 0.5, 0, 0, 1)]
    public void Indexer_KnownEntries_MatchMatplotlib(string name, int index, double r, double g, double b, int slack)
    {
        var color = Colormap.Get(name)[index];
        Assert.InRange(color.R - Math.Round(r * 255, MidpointRounding.AwayFromZero), -slack, slack);
        Assert.InRange(color.G - Math.Round(g * 255, MidpointRounding.AwayFromZero), -slack, slack);
        Assert.InRange(color.B - Math.Round(b * 255, MidpointRounding.AwayFromZero), -slack, slack);
        Assert.Equal(255, color.A);
    }

    [Fact]
    public void Jet_Middle_IsGreen()
    {
        var mid = Colormap.Jet.Map(0.5f);
        Assert.Equal(255, mid.G);
        Assert.InRange(mid.R, 100, 130);
        Assert.InRange(mid.B, 100, 130);
        Assert.Equal(new Rgba(0, 0, 128), Colormap.Jet.Map(0f));
    }

    [Fact]
    public void Turbo_Start_IsDarkBlueViolet()
    {
        Assert.Equal(new Rgba(48, 18, 59), Colormap.Turbo.Map(0f));
    }

    [Fact]
    public void Viridis_Luminance_RisesMonotonically()
    {
        // The published floats rise strictly; rounding to bytes leaves dips of at most ~0.0003 in
        // relative luminance between neighbours, so neighbours get that slack and every 4th entry none.
        var y = Enumerable.Range(0, 256).Select(i => Luminance(Colormap.Viridis[i])).ToArray();
        for (int i = 1; i < 256; i++)
        {
            Assert.True(y[i] > y[i - 1] - 0.0005, $"luminance falls at entry {i}");
        }

        for (int i = 4; i < 256; i++)
        {
            Assert.True(y[i] > y[i - 4], $"luminance does not rise from entry {i - 4} to {i}");
        }

        Assert.True(y[255] > 0.75 && y[0] < 0.02, "viridis runs from dark to bright");
    }

    [Theory]
    [InlineData(0f, 0)]
    [InlineData(-3f, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(0.5f, 128)]
    [InlineData(0.999f, 255)]
    [InlineData(1f, 255)]
    [InlineData(7f, 255)]
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(1f / 256, 1)]
    public void Map_Value_UsesMatplotlibIndexing(float t, int index)
    {
        Assert.Equal(Colormap.Turbo[index], Colormap.Turbo.Map(t));
    }

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Colormap.Jet[256]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Colormap.Jet[-1]);
    }

    private static double Luminance(Rgba c) =>
        (0.2126 * Linear(c.R)) + (0.7152 * Linear(c.G)) + (0.0722 * Linear(c.B));

    private static double Linear(byte srgb)
    {
        double v = srgb / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }
}
