namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Walks the MCUs of one scan (interleaved: whole MCUs; one component: that component's blocks only),
/// handles restart intervals, and hands each block to <see cref="BlockDecoder"/>. With restart markers a
/// damaged interval does not end the decode: like libjpeg, the decoder resynchronizes at the next RSTn,
/// keeps every intact interval exactly and reports the damaged ones as one warning.
/// </summary>
internal static class ScanDecoder
{
    /// <summary>Decodes the entropy-coded segment starting at position; returns where the next marker starts.</summary>
    public static int Decode(
        ReadOnlySpan<byte> data, int position, string source, JpegFrame frame, JpegScan scan,
        int restartInterval, BlockDecoder blocks, DecodeOptions options)
    {
        var bits = new JpegBitReader(data, position, source);
        Reset(scan, blocks);
        var single = scan.Components.Length == 1;
        var wide = single ? scan.Components[0].BlocksWide : frame.McusWide;
        var high = single ? scan.Components[0].BlocksHigh : frame.McusHigh;
        var total = (long)wide * high;
        if (restartInterval == 0)
        {
            for (long mcu = 0; mcu < total; mcu++)
            {
                DecodeMcu(ref bits, frame, scan, blocks, mcu, wide);
            }

            return bits.FindScanEnd();
        }

        var intervals = (total + restartInterval - 1) / restartInterval;
        var damaged = new List<long>();
        ImageFormatException? firstError = null;
        long interval = 0;
        while (interval < intervals)
        {
            var intact = true;
            try
            {
                var end = Math.Min(total, (interval + 1) * restartInterval);
                for (var mcu = interval * restartInterval; mcu < end; mcu++)
                {
                    DecodeMcu(ref bits, frame, scan, blocks, mcu, wide);
                }
            }
            catch (ImageFormatException e)
            {
                intact = false;
                firstError ??= e;
            }

            if (interval == intervals - 1)
            {
                if (!intact)
                {
                    damaged.Add(interval);
                }

                break;
            }

            // RSTn follows interval i where n = i mod 8; data before it means the interval was damaged.
            var marker = bits.SkipToRestart(out var skippedData);
            if (!intact || skippedData)
            {
                damaged.Add(interval);
            }

            if (marker < 0)
            {
                for (var lost = interval + 1; lost < intervals; lost++)
                {
                    damaged.Add(lost);
                }

                break;
            }

            Reset(scan, blocks);
            var next = interval + 1 + ((marker - (interval % 8) + 8) % 8);
            for (var lost = interval + 1; lost < next && lost < intervals; lost++)
            {
                damaged.Add(lost);
            }

            interval = next;
        }

        if (damaged.Count == intervals)
        {
            throw firstError ?? new ImageFormatException(source, position, "corrupt JPEG: no restart interval of the scan could be decoded");
        }

        if (damaged.Count > 0)
        {
            options.Warn(source, position,
                $"corrupt JPEG data: restart interval{(damaged.Count > 1 ? "s" : "")} {Ranges(damaged)} of {intervals} in this scan {(damaged.Count > 1 ? "are" : "is")} damaged " +
                $"({restartInterval} MCUs each); decoded the intact intervals, the damaged part may be grey or garbled");
        }

        return bits.FindScanEnd();
    }

    private static void Reset(JpegScan scan, BlockDecoder blocks)
    {
        foreach (var c in scan.Components)
        {
            c.DcPredictor = 0;
        }

        blocks.EobRun = 0;
    }

    private static void DecodeMcu(ref JpegBitReader bits, JpegFrame frame, JpegScan scan, BlockDecoder blocks, long mcu, int wide)
    {
        var row = (int)(mcu / wide);
        var col = (int)(mcu % wide);
        if (scan.Components.Length == 1)
        {
            DecodeBlock(ref bits, frame, scan, blocks, scan.Components[0], row, col);
            return;
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

    // 1-based interval numbers, runs collapsed: "3", "3-5, 9".
    private static string Ranges(List<long> zeroBased)
    {
        var parts = new List<string>();
        for (var i = 0; i < zeroBased.Count;)
        {
            var j = i;
            while (j + 1 < zeroBased.Count && zeroBased[j + 1] == zeroBased[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{zeroBased[i] + 1}" : $"{zeroBased[i] + 1}-{zeroBased[j] + 1}");
            i = j + 1;
        }

        return string.Join(", ", parts);
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
