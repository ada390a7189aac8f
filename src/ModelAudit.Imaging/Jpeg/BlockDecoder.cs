namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Entropy decoding of one block for each scan kind: sequential (baseline), and the four progressive
/// kinds of spec G.1.2 (DC first/refine, AC first/refine with end-of-band runs).
/// </summary>
internal sealed class BlockDecoder
{
    private readonly HuffmanTable?[] dcTables;
    private readonly HuffmanTable?[] acTables;
    private readonly string source;
    private readonly long scanOffset;

    public BlockDecoder(HuffmanTable?[] dcTables, HuffmanTable?[] acTables, string source, long scanOffset)
    {
        this.dcTables = dcTables;
        this.acTables = acTables;
        this.source = source;
        this.scanOffset = scanOffset;
    }

    /// <summary>Blocks still to skip in the current end-of-band run (progressive AC scans).</summary>
    public int EobRun { get; set; }

    public void Sequential(ref JpegBitReader bits, JpegComponent c, Span<short> block)
    {
        var dc = Table(dcTables, c.DcTable, "DC");
        var ac = Table(acTables, c.AcTable, "AC");
        c.DcPredictor += bits.ReceiveExtend(DcCategory(ref bits, dc));
        block[0] = (short)c.DcPredictor;
        var zz = ZigZag.ToNatural;
        for (var k = 1; k < 64; k++)
        {
            var rs = bits.DecodeHuffman(ac);
            var r = rs >> 4;
            var s = rs & 15;
            if (s != 0)
            {
                k += r;
                block[zz[k]] = (short)bits.ReceiveExtend(s);
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                break;
            }
        }
    }

    public void DcFirst(ref JpegBitReader bits, JpegComponent c, Span<short> block, int al)
    {
        var dc = Table(dcTables, c.DcTable, "DC");
        c.DcPredictor += bits.ReceiveExtend(DcCategory(ref bits, dc));
        block[0] = (short)(c.DcPredictor << al);
    }

    public static void DcRefine(ref JpegBitReader bits, Span<short> block, int al)
    {
        if (bits.GetBit() != 0)
        {
            block[0] |= (short)(1 << al);
        }
    }

    public void AcFirst(ref JpegBitReader bits, JpegComponent c, Span<short> block, JpegScan scan)
    {
        if (EobRun > 0)
        {
            EobRun--;
            return;
        }

        var ac = Table(acTables, c.AcTable, "AC");
        var zz = ZigZag.ToNatural;
        for (var k = scan.Ss; k <= scan.Se; k++)
        {
            var rs = bits.DecodeHuffman(ac);
            var r = rs >> 4;
            var s = rs & 15;
            if (s != 0)
            {
                k += r;
                block[zz[Math.Min(k, 79)]] = (short)(bits.ReceiveExtend(s) * (1 << scan.Al));
            }
            else if (r == 15)
            {
                k += 15;
            }
            else
            {
                EobRun = (1 << r) - 1 + bits.GetBits(r);
                break;
            }
        }
    }

    public void AcRefine(ref JpegBitReader bits, JpegComponent c, Span<short> block, JpegScan scan)
    {
        var zz = ZigZag.ToNatural;
        var p1 = 1 << scan.Al;
        var m1 = -1 << scan.Al;
        var k = scan.Ss;
        if (EobRun == 0)
        {
            var ac = Table(acTables, c.AcTable, "AC");
            for (; k <= scan.Se; k++)
            {
                var rs = bits.DecodeHuffman(ac);
                var r = rs >> 4;
                var s = rs & 15;
                var newValue = 0;
                if (s != 0)
                {
                    // Spec: a newly nonzero coefficient has magnitude 1 here; libjpeg reads one sign bit regardless.
                    newValue = bits.GetBit() != 0 ? p1 : m1;
                }
                else if (r != 15)
                {
                    EobRun = (1 << r) + bits.GetBits(r);
                    break;
                }

                // Skip r zero-history coefficients, refining the nonzero ones passed on the way.
                while (k <= scan.Se)
                {
                    ref var coef = ref block[zz[k]];
                    if (coef != 0)
                    {
                        RefineOne(ref bits, ref coef, p1, m1);
                    }
                    else if (--r < 0)
                    {
                        break;
                    }

                    k++;
                }

                if (newValue != 0)
                {
                    block[zz[Math.Min(k, 79)]] = (short)newValue;
                }
            }
        }

        if (EobRun > 0)
        {
            for (; k <= scan.Se; k++)
            {
                ref var coef = ref block[zz[k]];
                if (coef != 0)
                {
                    RefineOne(ref bits, ref coef, p1, m1);
                }
            }

            EobRun--;
        }
    }

    private static void RefineOne(ref JpegBitReader bits, ref short coef, int p1, int m1)
    {
        if (bits.GetBit() != 0 && (coef & p1) == 0)
        {
            coef = (short)(coef >= 0 ? coef + p1 : coef + m1);
        }
    }

    private int DcCategory(ref JpegBitReader bits, HuffmanTable dc)
    {
        var s = bits.DecodeHuffman(dc);
        if (s > 15)
        {
            JpegError.Throw(source, bits.Position, $"corrupt JPEG: DC difference category {s} is out of range");
        }

        return s;
    }

    private HuffmanTable Table(HuffmanTable?[] tables, int index, string kind) =>
        tables[index] ?? JpegError.Throw<HuffmanTable>(source, scanOffset,
            $"scan uses {kind} Huffman table {index}, which was never defined");
}
