using System.Buffers.Binary;

namespace ModelAudit.Imaging.Tests.Png;

public sealed class PngDecoderErrorTests
{
    // Offsets: the signature is 8 bytes, IHDR is 25, so the chunk after IHDR starts at byte 33.
    [Theory]
    [InlineData("bad-crc", 33, "IDAT chunk: CRC mismatch")]
    [InlineData("truncated", 33, "IDAT chunk claims")]
    [InlineData("no-iend", -1, "no IEND")]
    [InlineData("bad-signature", 0, "signature")]
    [InlineData("bad-zlib", 33, "zlib")]
    [InlineData("bad-filter", 33, "unknown filter type 7")]
    [InlineData("short-data", 33, "ends early")]
    [InlineData("huge", 8, "above the limit")]
    [InlineData("bad-depth", 8, "colour type 3 with bit depth 16")]
    [InlineData("palette-index", 51, "palette index 9")] // IDAT after an 18-byte PLTE chunk
    [InlineData("no-palette", 33, "PLTE")]
    public void DecodeRaw_CorruptFixture_ThrowsNamingSourceAndOffset(string name, long offset, string problem)
    {
        var data = PngFixtures.ReadCorrupt(name);

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.DecodeRaw(data, name + ".png"));

        Assert.Equal(name + ".png", error.Source);
        Assert.Equal(offset < 0 ? data.Length : offset, error.Offset);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith(name + ".png: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PngFixtures.CorruptNames), MemberType = typeof(PngFixtures))]
    public void Decode_EveryCorruptFixture_ThrowsImageFormatException(string name)
    {
        var data = PngFixtures.ReadCorrupt(name);

        Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(data, name));
    }

    [Fact]
    public void Decode_PixelCountAboveOption_RefusedFromHeader()
    {
        var data = PngFixtures.Read("rgb-8");

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(data, "small", new DecodeOptions { MaxPixels = 13 * 7 - 1 }));

        Assert.Equal(8, error.Offset);
        Assert.Contains("13x7", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PixelCountAtOption_Decodes()
    {
        var image = PngDecoder.Decode(PngFixtures.Read("rgb-8"), "exact", new DecodeOptions { MaxPixels = 13 * 7 });

        Assert.Equal(13, image.Width);
    }

    [Fact]
    public void Decode_HugeHeaderWithGiantLimit_RefusedBeforeAllocating()
    {
        // 2^31-1 square passes the option but no array can hold it: a typed error, not an OverflowException.
        var data = PngFixtures.ReadCorrupt("huge");
        var ihdr = data.AsSpan(16, 8);
        BinaryPrimitives.WriteInt32BigEndian(ihdr, int.MaxValue);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], int.MaxValue);
        FixCrc(data, 8);

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(data, "giant", new DecodeOptions { MaxPixels = long.MaxValue }));

        Assert.Contains("too large", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Empty_ThrowsAtOffsetZero()
    {
        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode([], "empty"));

        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Decode_UnknownCriticalChunk_Refused()
    {
        var data = InsertChunk(PngFixtures.Read("rgb-8"), 33, "ABCD"u8, [1, 2, 3]);

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(data, "critical"));

        Assert.Equal(33, error.Offset);
        Assert.Contains("ABCD", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownAncillaryChunk_Skipped()
    {
        var plain = PngFixtures.Read("rgb-8");
        var data = InsertChunk(plain, 33, "abCd"u8, [1, 2, 3]);

        Assert.Equal(PngDecoder.Decode(plain, "plain").Pixels, PngDecoder.Decode(data, "ancillary").Pixels);
    }

    [Fact]
    public void Decode_ChunkBetweenIdatChunks_Refused()
    {
        var split = PngFixtures.Read("rgba-16-split");

        // Put an ancillary chunk after the first IDAT (IDAT starts at 33 and holds 7 bytes: ends at 52).
        var data = InsertChunk(split, 52, "teXt"u8, [(byte)'a', 0, (byte)'b']);

        var error = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(data, "gap"));
        Assert.Contains("consecutive", error.Problem, StringComparison.Ordinal);
    }

    /// <summary>Builds the chunk with an independently computed CRC (System.IO.Compression's own crc via zlib is not exposed, so use the bitwise definition).</summary>
    private static byte[] InsertChunk(byte[] file, int at, ReadOnlySpan<byte> type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        type.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), BitwiseCrc(chunk.AsSpan(4, 4 + data.Length)));
        return [.. file.AsSpan(0, at), .. chunk, .. file.AsSpan(at)];
    }

    private static void FixCrc(byte[] file, int chunkOffset)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(chunkOffset));
        var crc = BitwiseCrc(file.AsSpan(chunkOffset + 4, 4 + length));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(chunkOffset + 8 + length), crc);
    }

    /// <summary>The CRC straight from its definition, bit by bit, independent of the decoder's table.</summary>
    internal static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
