namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Dequantization and the accurate integer inverse DCT (the Loeffler-Ligtenberg-Moschytz factorization
/// with 13-bit constants and 2 extra bits after the column pass), the "islow" method that libjpeg-turbo uses
/// by default. Integer arithmetic identical to it is what keeps our pixels within a level of djpeg's.
/// </summary>
internal static class IslowIdct
{
    private const int ConstBits = 13;
    private const int Pass1Bits = 2;
    private const int Fix0298631336 = 2446;
    private const int Fix0390180644 = 3196;
    private const int Fix0541196100 = 4433;
    private const int Fix0765366865 = 6270;
    private const int Fix0899976223 = 7373;
    private const int Fix1175875602 = 9633;
    private const int Fix1501321110 = 12299;
    private const int Fix1847759065 = 15137;
    private const int Fix1961570560 = 16069;
    private const int Fix2053119869 = 16819;
    private const int Fix2562915447 = 20995;
    private const int Fix3072711026 = 25172;

    // libjpeg's post-IDCT range limit: index (value & 1023) clamps -512..511 shifted by 128 to 0..255.
    private static readonly byte[] RangeLimit = BuildRangeLimit();

    public static void Transform(ReadOnlySpan<short> coefficients, ReadOnlySpan<ushort> quant, Span<byte> output, int stride)
    {
        Span<int> ws = stackalloc int[64];
        for (var col = 0; col < 8; col++)
        {
            ColumnPass(coefficients, quant, ws, col);
        }

        for (var row = 0; row < 8; row++)
        {
            RowPass(ws.Slice(row * 8, 8), output.Slice(row * stride, 8));
        }
    }

    private static void ColumnPass(ReadOnlySpan<short> c, ReadOnlySpan<ushort> q, Span<int> ws, int col)
    {
        if (c[8 + col] == 0 && c[16 + col] == 0 && c[24 + col] == 0 && c[32 + col] == 0 &&
            c[40 + col] == 0 && c[48 + col] == 0 && c[56 + col] == 0)
        {
            var dc = c[col] * q[col] << Pass1Bits;
            for (var row = 0; row < 8; row++)
            {
                ws[(row * 8) + col] = dc;
            }

            return;
        }

        long z2 = c[16 + col] * q[16 + col];
        long z3 = c[48 + col] * q[48 + col];
        var z1 = (z2 + z3) * Fix0541196100;
        var tmp2 = z1 + (z3 * -Fix1847759065);
        var tmp3 = z1 + (z2 * Fix0765366865);
        z2 = c[col] * q[col];
        z3 = c[32 + col] * q[32 + col];
        var tmp0 = (z2 + z3) << ConstBits;
        var tmp1 = (z2 - z3) << ConstBits;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        Odd(
            c[56 + col] * q[56 + col], c[40 + col] * q[40 + col], c[24 + col] * q[24 + col], c[8 + col] * q[8 + col],
            out tmp0, out tmp1, out tmp2, out tmp3);

        const int shift = ConstBits - Pass1Bits;
        ws[col] = Descale(tmp10 + tmp3, shift);
        ws[56 + col] = Descale(tmp10 - tmp3, shift);
        ws[8 + col] = Descale(tmp11 + tmp2, shift);
        ws[48 + col] = Descale(tmp11 - tmp2, shift);
        ws[16 + col] = Descale(tmp12 + tmp1, shift);
        ws[40 + col] = Descale(tmp12 - tmp1, shift);
        ws[24 + col] = Descale(tmp13 + tmp0, shift);
        ws[32 + col] = Descale(tmp13 - tmp0, shift);
    }

    private static void RowPass(ReadOnlySpan<int> w, Span<byte> o)
    {
        const int shift = ConstBits + Pass1Bits + 3;
        if (w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0)
        {
            o.Slice(0, 8).Fill(Limit(Descale(w[0], Pass1Bits + 3)));
            return;
        }

        long z2 = w[2];
        long z3 = w[6];
        var z1 = (z2 + z3) * Fix0541196100;
        var tmp2 = z1 + (z3 * -Fix1847759065);
        var tmp3 = z1 + (z2 * Fix0765366865);
        var tmp0 = ((long)w[0] + w[4]) << ConstBits;
        var tmp1 = ((long)w[0] - w[4]) << ConstBits;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        Odd(w[7], w[5], w[3], w[1], out tmp0, out tmp1, out tmp2, out tmp3);

        o[0] = Limit(Descale(tmp10 + tmp3, shift));
        o[7] = Limit(Descale(tmp10 - tmp3, shift));
        o[1] = Limit(Descale(tmp11 + tmp2, shift));
        o[6] = Limit(Descale(tmp11 - tmp2, shift));
        o[2] = Limit(Descale(tmp12 + tmp1, shift));
        o[5] = Limit(Descale(tmp12 - tmp1, shift));
        o[3] = Limit(Descale(tmp13 + tmp0, shift));
        o[4] = Limit(Descale(tmp13 - tmp0, shift));
    }

    // The odd part shared by both passes; inputs are the coefficients at rows/columns 7, 5, 3, 1.
    private static void Odd(long in7, long in5, long in3, long in1, out long t0, out long t1, out long t2, out long t3)
    {
        var z1 = in7 + in1;
        var z2 = in5 + in3;
        var z3 = in7 + in3;
        var z4 = in5 + in1;
        var z5 = (z3 + z4) * Fix1175875602;
        t0 = in7 * Fix0298631336;
        t1 = in5 * Fix2053119869;
        t2 = in3 * Fix3072711026;
        t3 = in1 * Fix1501321110;
        z1 *= -Fix0899976223;
        z2 *= -Fix2562915447;
        z3 = (z3 * -Fix1961570560) + z5;
        z4 = (z4 * -Fix0390180644) + z5;
        t0 += z1 + z3;
        t1 += z2 + z4;
        t2 += z2 + z3;
        t3 += z1 + z4;
    }

    private static int Descale(long x, int n) => (int)((x + (1L << (n - 1))) >> n);

    private static byte Limit(int x) => RangeLimit[x & 1023];

    private static byte[] BuildRangeLimit()
    {
        var table = new byte[1024];
        for (var i = 0; i < 1024; i++)
        {
            // i is the low 10 bits of a signed sample centred on 0.
            var signed = i < 512 ? i : i - 1024;
            table[i] = (byte)Math.Clamp(signed + 128, 0, 255);
        }

        return table;
    }
}
