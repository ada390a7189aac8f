using System.IO.Compression;
using ModelAudit.TestSupport;

namespace ModelAudit.Imaging.Tests.Png;

public sealed class PngEncoderTests
{
    [Fact]
    public void Encode_OpaqueImage_WritesRgbAndRoundTrips()
    {
        var image = PngDecoder.Decode(PngFixtures.Read("rgb-8"), "rgb-8");

        var png = PngEncoder.Encode(image);

        Assert.Equal(2, png[25]);
        Assert.Equal(8, png[24]);
        Assert.Equal(image.Pixels, PngDecoder.Decode(png, "encoded").Pixels);
    }

    [Fact]
    public void Encode_TranslucentImage_WritesRgbaAndRoundTrips()
    {
        var image = PngDecoder.Decode(PngFixtures.Read("rgba-16"), "rgba-16");

        var png = PngEncoder.Encode(image);

        Assert.Equal(6, png[25]);
        Assert.Equal(image.Pixels, PngDecoder.Decode(png, "encoded").Pixels);
    }

    [Theory]
    [InlineData("grey-8", 0, 8)]
    [InlineData("grey-16", 0, 16)]
    [InlineData("greyalpha-16", 4, 16)]
    [InlineData("rgb-8", 2, 8)]
    [InlineData("rgb-16", 2, 16)]
    [InlineData("rgba-8", 6, 8)]
    [InlineData("rgba-16", 6, 16)]
    [InlineData("palette-8-trns", 6, 8)]
    public void Encode_RawFixture_RoundTripsExactly(string name, int colorType, int depth)
    {
        var raw = PngDecoder.DecodeRaw(PngFixtures.Read(name), name);

        var png = PngEncoder.Encode(raw);
        var again = PngDecoder.DecodeRaw(png, "encoded");

        Assert.Equal((colorType, depth), (png[25], png[24]));
        Assert.Equal((raw.Channels, raw.BitDepth), (again.Channels, again.BitDepth));
        Assert.Equal(raw.Samples, again.Samples);
    }

    [Fact]
    public void Encode_RandomLargeImage_RoundTripsAcrossSeveralIdatChunks()
    {
        var random = new Random(3);
        var samples = new ushort[301 * 157 * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (ushort)random.Next(65536);
        }

        var raw = new RawImage(301, 157, 4, 16, samples);

        var again = PngDecoder.DecodeRaw(PngEncoder.Encode(raw), "random");

        Assert.Equal(samples, again.Samples);
    }

    [Fact]
    public void Encode_SameImageTwice_SameBytes()
    {
        var image = PngDecoder.Decode(PngFixtures.Read("rgba-8"), "rgba-8");

        Assert.Equal(PngEncoder.Encode(image), PngEncoder.Encode(image.Clone()));
    }

    [Fact]
    public void Encode_SmoothGradient_CompressesWellBelowRawSize()
    {
        var image = new Image(256, 256);
        for (var y = 0; y < 256; y++)
        {
            for (var x = 0; x < 256; x++)
            {
                ((ReadOnlySpan<byte>)[(byte)x, (byte)y, (byte)((x + y) / 2), 255]).CopyTo(image.Row(y)[(x * 4)..]);
            }
        }

        var png = PngEncoder.Encode(image);

        // Raw RGB is 196,608 bytes; Sub/Up/Paeth turn this gradient into near-constant rows.
        Assert.True(png.Length < 196_608 / 20, $"{png.Length} bytes");
    }

    [Fact]
    public void Encode_MixedRows_EachRowUsesItsCheapestFilter()
    {
        // Rows of different character (ramps, noise, copies of the row above) so different filters win.
        var random = new Random(5);
        const int width = 64, height = 12;
        var samples = new ushort[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                samples[(y * width) + x] = (y % 4) switch
                {
                    0 => (byte)(3 * x),
                    1 => (byte)random.Next(256),
                    2 => samples[((y - 1) * width) + x],
                    _ => (byte)((x * y) + random.Next(3)),
                };
            }
        }

        var filters = FilterBytes(PngEncoder.Encode(new RawImage(width, height, 1, 8, samples)), width, height);

        var prior = new byte[width];
        for (var y = 0; y < height; y++)
        {
            var row = samples.AsSpan(y * width, width).ToArray().Select(v => (byte)v).ToArray();
            var costs = Enumerable.Range(0, 5).Select(type => SignedSum(ModelAudit.Imaging.Png.PngFilters.Filter, type, row, prior)).ToArray();
            Assert.Equal(Array.IndexOf(costs, costs.Min()), filters[y]);
            prior = row;
        }

        Assert.True(filters.Distinct().Count() >= 3, $"filters used: {string.Join(",", filters)}");
    }

    private delegate void FilterFunction(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int stride, Span<byte> output);

    private static long SignedSum(FilterFunction filter, int type, byte[] row, byte[] prior)
    {
        var output = new byte[row.Length];
        filter(type, row, prior, 1, output);
        return output.Sum(b => Math.Abs((long)(sbyte)b));
    }

    [Fact]
    public void Save_NewPath_WritesDecodableFileAndNoLeftovers()
    {
        using var temp = new TempDir();
        var image = PngDecoder.Decode(PngFixtures.Read("rgba-8"), "rgba-8");
        var path = temp.File("out.png");

        PngEncoder.Save(image, path);
        PngEncoder.Save(image, path);

        Assert.Equal(image.Pixels, ImageDecoder.Decode(path).Pixels);
        Assert.Equal(["out.png"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_TargetCannotBeReplaced_ThrowsAndLeavesNoTemporaryFile()
    {
        using var temp = new TempDir();
        var target = temp.File("taken.png");
        Directory.CreateDirectory(target);
        var image = new Image(3, 2);

        Assert.ThrowsAny<IOException>(() => PngEncoder.Save(image, target));

        Assert.Empty(Directory.GetFiles(temp.Path));
        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void Save_RawImage_RoundTrips()
    {
        using var temp = new TempDir();
        var raw = PngDecoder.DecodeRaw(PngFixtures.Read("grey-16"), "grey-16");
        var path = temp.File("grey.png");

        PngEncoder.Save(raw, path);

        Assert.Equal(raw.Samples, PngDecoder.DecodeRaw(File.ReadAllBytes(path), path).Samples);
    }

    /// <summary>Inflates the IDAT data of an encoder-written file (single colour type, no interlace) and lists row filter bytes.</summary>
    private static byte[] FilterBytes(byte[] png, int rowBytes, int rows)
    {
        var idat = new MemoryStream();
        var at = 8;
        while (at < png.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        var data = new MemoryStream();
        inflater.CopyTo(data);
        var bytes = data.ToArray();
        return [.. Enumerable.Range(0, rows).Select(r => bytes[r * (rowBytes + 1)])];
    }
}
