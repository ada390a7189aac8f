using System.Buffers.Binary;

namespace ModelAudit.Imaging.Tests.Png;

public sealed class PngDecoderFixtureTests
{
    [Theory]
    [MemberData(nameof(PngFixtures.Names), MemberType = typeof(PngFixtures))]
    public void Fixture_Header_MatchesItsName(string name)
    {
        // Guards the coverage claims: a regenerated fixture that silently changed type would hide a gap.
        var file = PngFixtures.Read(name);
        var (colorType, depth, interlaced, _) = PngFixtures.Expected(name);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)));
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20)));
        Assert.Equal(depth, file[24]);
        Assert.Equal(colorType, file[25]);
        Assert.Equal(interlaced ? 1 : 0, file[28]);
    }

    [Theory]
    [MemberData(nameof(PngFixtures.Names), MemberType = typeof(PngFixtures))]
    public void DecodeRaw_Fixture_MatchesImageMagickExactly(string name)
    {
        var raw = PngDecoder.DecodeRaw(PngFixtures.Read(name), name);
        var (colorType, depth, _, transparent) = PngFixtures.Expected(name);

        Assert.Equal(depth == 16 ? 16 : 8, raw.BitDepth);
        Assert.Equal(ExpectedChannels(colorType, transparent), raw.Channels);
        Assert.Equal(PngFixtures.Reference(name), ToRgba16(raw));
    }

    [Theory]
    [MemberData(nameof(PngFixtures.Names), MemberType = typeof(PngFixtures))]
    public void Decode_Fixture_MatchesImageMagickRoundedTo8Bits(string name)
    {
        var image = PngDecoder.Decode(PngFixtures.Read(name), name);

        var expected = PngFixtures.Reference(name).Select(v => (byte)Math.Round(v * 255.0 / 65535.0, MidpointRounding.AwayFromZero)).ToArray();
        Assert.Equal((13, 7), (image.Width, image.Height));
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void Decode_ThroughImageDecoderFacade_SameAsPngDecoder()
    {
        var path = Path.Combine(PngFixtures.Folder, "rgba-16-i.png");

        var viaFacade = ImageDecoder.Decode(path);

        Assert.Equal(PngDecoder.Decode(File.ReadAllBytes(path), path).Pixels, viaFacade.Pixels);
    }

    private static int ExpectedChannels(int colorType, bool transparent) => colorType switch
    {
        0 => transparent ? 2 : 1,
        2 or 3 => transparent ? 4 : 3,
        4 => 2,
        _ => 4,
    };

    /// <summary>Widens samples the way ImageMagick's -depth 16 does: 8-bit v becomes v * 257; grey fills R, G and B.</summary>
    private static ushort[] ToRgba16(RawImage raw)
    {
        var scale = raw.BitDepth == 16 ? 1 : 257;
        var pixels = raw.Width * raw.Height;
        var result = new ushort[pixels * 4];
        for (var p = 0; p < pixels; p++)
        {
            var s = raw.Samples.AsSpan(p * raw.Channels, raw.Channels);
            var grey = raw.Channels <= 2;
            result[(p * 4) + 0] = (ushort)(s[0] * scale);
            result[(p * 4) + 1] = (ushort)((grey ? s[0] : s[1]) * scale);
            result[(p * 4) + 2] = (ushort)((grey ? s[0] : s[2]) * scale);
            var hasAlpha = raw.Channels is 2 or 4;
            result[(p * 4) + 3] = hasAlpha ? (ushort)(s[raw.Channels - 1] * scale) : ushort.MaxValue;
        }

        return result;
    }
}
