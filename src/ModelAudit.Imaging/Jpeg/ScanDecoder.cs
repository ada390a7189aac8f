namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Walks the MCUs of one scan (interleaved: whole MCUs; one component: that component's blocks only),
/// handles restart intervals, and hands each block to <see cref="BlockDecoder"/>.
/// </summary>
internal static class ScanDecoder
{
    /// <summary>Decodes the entropy-coded segment starting at position; returns where the next marker starts.</summary>
    public static int Decode(
        ReadOnlySpan<byte> data, int position, string source, JpegFrame frame, JpegScan scan,
        int restartInterval, BlockDecoder blocks)
    {
        var bits = new JpegBitReader(data, position, source);
        foreach (var c in scan.Components)
        {
            c.DcPredictor = 0;
        }

        blocks.EobRun = 0;
        var single = scan.Components.Length == 1;
        var wide = single ? scan.Components[0].BlocksWide : frame.McusWide;
        var high = single ? scan.Components[0].BlocksHigh : frame.McusHigh;
        var total = (long)wide * high;
        var untilRestart = restartInterval;
        for (long mcu = 0; mcu < total; mcu++)
        {
            if (restartInterval > 0)
            {
                if (untilRestart == 0)
                {
                    bits.Restart();
                    blocks.EobRun = 0;
                    foreach (var c in scan.Components)
                    {
                        c.DcPredictor = 0;
                    }

                    untilRestart = restartInterval;
                }

                untilRestart--;
            }

            var row = (int)(mcu / wide);
            var col = (int)(mcu % wide);
            if (single)
            {
                DecodeBlock(ref bits, frame, scan, blocks, scan.Components[0], row, col);
                continue;
            }

            foreach (var c in scan.Components)
            {
                for (var by = 0; by < c.V; by++)
                {
                    for (var bx = 0; bx < c.H; bx++)
                    {
                        DecodeBlock(ref bits, frame, scan, blocks, c, (row * c.V) + by, (col * c.H) + bx);
                    }
                }
            }
        }

        return bits.FindScanEnd();
    }

    private static void DecodeBlock(
        ref JpegBitReader bits, JpegFrame frame, JpegScan scan, BlockDecoder blocks, JpegComponent c, int row, int col)
    {
        var block = c.Block(row, col);
        if (!frame.Progressive)
        {
            blocks.Sequential(ref bits, c, block);
        }
        else if (scan.IsDc)
        {
            if (scan.IsRefinement)
            {
                BlockDecoder.DcRefine(ref bits, block, scan.Al);
            }
            else
            {
                blocks.DcFirst(ref bits, c, block, scan.Al);
            }
        }
        else if (scan.IsRefinement)
        {
            blocks.AcRefine(ref bits, c, block, scan);
        }
        else
        {
            blocks.AcFirst(ref bits, c, block, scan);
        }
    }
}
