using System.Buffers.Binary;
using ModelAudit.Imaging.Jpeg;

namespace ModelAudit.Imaging.Tests.Jpeg;

public sealed class JpegPartsTests
{
    [Fact]
    public void IslowIdct_RandomBlocks_WithinOneLevelOfTheExactTransform()
    {
        var random = new Random(5);
        var quant = Enumerable.Repeat((ushort)1, 64).ToArray();
        var output = new byte[64];
        for (var trial = 0; trial < 200; trial++)
        {
            var coefficients = new short[64];
            for (var k = 0; k < 64; k++)
            {
                coefficients[k] = (short)(random.Next(-300, 300) / (1 + k));
            }

            IslowIdct.Transform(coefficients, quant, output, 8);

            for (var y = 0; y < 8; y++)
            {
                for (var x = 0; x < 8; x++)
                {
                    var exact = Math.Clamp(Math.Round(ExactIdct(coefficients, x, y) + 128), 0, 255);
                    Assert.InRange(output[(y * 8) + x], exact - 1, exact + 1);
                }
            }
        }
    }

    [Fact]
    public void IslowIdct_DcOnly_GivesFlatBlockOfDcOverEight()
    {
        var coefficients = new short[64];
        coefficients[0] = 40;
        var quant = Enumerable.Repeat((ushort)4, 64).ToArray();
        var output = new byte[64];

        IslowIdct.Transform(coefficients, quant, output, 8);

        Assert.All(output, v => Assert.Equal(128 + 20, v)); // 40 * 4 / 8
    }

    [Fact]
    public void Upsampler_H2V1_UsesThreeQuarterOneQuarterTriangle()
    {
        var plane = new ComponentPlane([10, 50, 90], 3, 3, 1);

        var full = Upsampler.ToFullSize(plane, 2, 1, 6, 1);

        // Ends copy the edge sample; inside, (3*near + far + 1 or 2) / 4 as libjpeg's h2v1 fancy upsampler.
        Assert.Equal(new byte[] { 10, 20, 40, 60, 80, 90 }, full);
    }

    [Fact]
    public void Upsampler_H2V2_BlendsRowsThenColumns()
    {
        var plane = new ComponentPlane([0, 0, 0, 160, 160, 160], 3, 3, 2);

        var full = Upsampler.ToFullSize(plane, 2, 2, 6, 4);

        // Column sums 3*near + far: row 0 -> 0 (top repeats), row 1 -> 160, row 2 -> 480, row 3 -> 640 (bottom repeats).
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0 }, full[..6]);
        Assert.Equal(new byte[] { 40, 40, 40, 40, 40, 40 }, full[6..12]);
        Assert.Equal(new byte[] { 120, 120, 120, 120, 120, 120 }, full[12..18]);
        Assert.Equal(new byte[] { 160, 160, 160, 160, 160, 160 }, full[18..]);
    }

    [Theory]
    [InlineData(1, 3, 2, "ABCDEF")]
    [InlineData(2, 3, 2, "CBAFED")]
    [InlineData(3, 3, 2, "FEDCBA")]
    [InlineData(4, 3, 2, "DEFABC")]
    [InlineData(5, 2, 3, "ADBECF")]
    [InlineData(6, 2, 3, "DAEBFC")]
    [InlineData(7, 2, 3, "FCEBDA")]
    [InlineData(8, 2, 3, "CFBEAD")]
    public void Orientation_Apply_MatchesTheExifDefinition(int orientation, int width, int height, string expected)
    {
        // Stored 3x2: row 0 "ABC", row 1 "DEF"; letters go in the red channel.
        var stored = new Image(3, 2);
        for (var i = 0; i < 6; i++)
        {
            stored.Pixels[i * 4] = (byte)('A' + i);
        }

        var upright = Orientation.Apply(stored, orientation);

        Assert.Equal((width, height), (upright.Width, upright.Height));
        Assert.Equal(expected, new string(Enumerable.Range(0, 6).Select(i => (char)upright.Pixels[i * 4]).ToArray()));
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 8)]
    [InlineData(true, 3)]
    public void ExifOrientation_Read_FindsTagInEitherByteOrder(bool littleEndian, int value)
    {
        Assert.Equal(value, ExifOrientation.Read(ExifPayload(littleEndian, value)));
    }

    [Fact]
    public void ExifOrientation_Read_DamagedIfdIsIgnored()
    {
        var payload = ExifPayload(true, 6);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(10), 5000);

        Assert.Equal(1, ExifOrientation.Read(payload));
    }

    [Fact]
    public void HuffmanTable_Create_DecodesCanonicalCodes()
    {
        // Two codes of length 2 (00, 01) and two of length 3 (100, 101): spec Annex C order.
        var counts = new byte[16];
        counts[1] = 2;
        counts[2] = 2;
        var table = HuffmanTable.Create(counts, [7, 8, 9, 10])!;

        Assert.Equal((2, 7), table.Decode(0b00u << 14));
        Assert.Equal((2, 8), table.Decode(0b01u << 14));
        Assert.Equal((3, 10), table.Decode(0b101u << 13));
        Assert.Equal(0, table.Decode(0b111u << 13).Length);
    }

    [Fact]
    public void HuffmanTable_Create_OverfullLengthsRejected()
    {
        var counts = new byte[16];
        counts[0] = 3; // three 1-bit codes cannot exist

        Assert.Null(HuffmanTable.Create(counts, [1, 2, 3]));
    }

    private static double ExactIdct(short[] c, int x, int y)
    {
        var sum = 0.0;
        for (var v = 0; v < 8; v++)
        {
            for (var u = 0; u < 8; u++)
            {
                var cu = u == 0 ? Math.Sqrt(0.5) : 1;
                var cv = v == 0 ? Math.Sqrt(0.5) : 1;
                sum += cu * cv * c[(v * 8) + u] *
                    Math.Cos(((2 * x) + 1) * u * Math.PI / 16) * Math.Cos(((2 * y) + 1) * v * Math.PI / 16);
            }
        }

        return sum / 4;
    }

    private static byte[] ExifPayload(bool little, int orientation)
    {
        var p = new byte[6 + 8 + 2 + 24 + 4];
        "Exif\0\0"u8.CopyTo(p);
        p[6] = p[7] = (byte)(little ? 'I' : 'M');
        void U16(int at, int v)
        {
            if (little) { BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(6 + at), (ushort)v); }
            else { BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6 + at), (ushort)v); }
        }

        U16(2, 42);
        if (little) { BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(10), 8); }
        else { BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(10), 8); }

        U16(8, 2); // two entries: an unrelated tag first
        U16(10, 0x010F);
        U16(12, 2);
        U16(22, 0x0112);
        U16(24, 3);
        U16(26, 1);
        U16(30, orientation);
        return p;
    }
}
