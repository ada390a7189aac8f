using System.Buffers.Binary;

namespace ModelAudit.Imaging.Jpeg;

/// <summary>Parsers for the marker segments that carry tables and headers (spec B.2.2 to B.2.4, Adobe APP14).</summary>
internal static class JpegSegments
{
    /// <summary>DQT: one or more 8- or 16-bit tables, stored in natural order.</summary>
    public static void ReadQuantTables(ReadOnlySpan<byte> body, long offset, string source, ushort[]?[] tables)
    {
        var pos = 0;
        while (pos < body.Length)
        {
            var precision = body[pos] >> 4;
            var id = body[pos] & 15;
            var size = precision == 0 ? 64 : 128;
            if (id > 3 || precision > 1)
            {
                JpegError.Throw(source, offset + pos, $"corrupt JPEG: bad quantization table header (id {id}, precision {precision})");
            }

            if (pos + 1 + size > body.Length)
            {
                JpegError.Truncated(source, offset + pos, "a quantization table");
            }

            var table = new ushort[64];
            for (var k = 0; k < 64; k++)
            {
                table[ZigZag.ToNatural[k]] = precision == 0
                    ? body[pos + 1 + k]
                    : BinaryPrimitives.ReadUInt16BigEndian(body[(pos + 1 + (2 * k))..]);
            }

            tables[id] = table;
            pos += 1 + size;
        }
    }

    /// <summary>DHT: one or more tables; class 0 is DC, 1 is AC.</summary>
    public static void ReadHuffmanTables(
        ReadOnlySpan<byte> body, long offset, string source, HuffmanTable?[] dc, HuffmanTable?[] ac)
    {
        var pos = 0;
        while (pos < body.Length)
        {
            if (pos + 17 > body.Length)
            {
                JpegError.Truncated(source, offset + pos, "a Huffman table");
            }

            var kind = body[pos] >> 4;
            var id = body[pos] & 15;
            if (kind > 1 || id > 3)
            {
                JpegError.Throw(source, offset + pos, $"corrupt JPEG: bad Huffman table header (class {kind}, id {id})");
            }

            var counts = body.Slice(pos + 1, 16);
            var total = 0;
            foreach (var n in counts)
            {
                total += n;
            }

            if (total > 256 || pos + 17 + total > body.Length)
            {
                JpegError.Throw(source, offset + pos, $"corrupt JPEG: Huffman table with {total} symbols does not fit its segment");
            }

            var table = HuffmanTable.Create(counts, body.Slice(pos + 17, total))
                ?? JpegError.Throw<HuffmanTable>(source, offset + pos, "corrupt JPEG: Huffman code lengths do not form a valid code");
            (kind == 0 ? dc : ac)[id] = table;
            pos += 17 + total;
        }
    }

    public static JpegFrame ReadFrame(ReadOnlySpan<byte> body, long offset, string source, bool progressive, DecodeOptions options)
    {
        if (body.Length < 6)
        {
            JpegError.Truncated(source, offset, "the frame header");
        }

        if (body[0] != 8)
        {
            JpegError.Throw(source, offset, $"{body[0]}-bit JPEG is not supported (only 8-bit samples)");
        }

        var height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        var width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        var count = body[5];
        if (height == 0)
        {
            JpegError.Throw(source, offset, "JPEG with the height defined later (DNL marker) is not supported");
        }

        options.CheckSize(source, width, height, offset);
        if (count is not (1 or 3 or 4))
        {
            JpegError.Throw(source, offset, $"JPEG with {count} components is not supported (1, 3 or 4)");
        }

        if (body.Length < 6 + (3 * count))
        {
            JpegError.Truncated(source, offset, "the frame header");
        }

        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var at = 6 + (3 * i);
            int h = body[at + 1] >> 4, v = body[at + 1] & 15, tq = body[at + 2];
            if (h is < 1 or > 4 || v is < 1 or > 4 || tq > 3)
            {
                JpegError.Throw(source, offset + at, $"corrupt JPEG: component {i} has sampling {h}x{v} and quantization table {tq}");
            }

            components[i] = new JpegComponent(body[at], h, v, tq);
        }

        var frame = new JpegFrame(width, height, progressive, components);
        foreach (var c in components)
        {
            if (frame.MaxH % c.H != 0 || frame.MaxV % c.V != 0)
            {
                JpegError.Throw(source, offset, $"JPEG with fractional sampling ratios ({frame.MaxH}/{c.H} x {frame.MaxV}/{c.V}) is not supported");
            }
        }

        return frame;
    }

    public static JpegScan ReadScan(ReadOnlySpan<byte> body, long offset, string source, JpegFrame frame)
    {
        var count = body.Length > 0 ? body[0] : 0;
        if (count is < 1 or > 4 || body.Length < 4 + (2 * count))
        {
            JpegError.Throw(source, offset, "corrupt JPEG: bad scan header");
        }

        var components = new JpegComponent[count];
        var blocksPerMcu = 0;
        for (var i = 0; i < count; i++)
        {
            var id = body[1 + (2 * i)];
            var c = Array.Find(frame.Components, x => x.Id == id)
                ?? JpegError.Throw<JpegComponent>(source, offset, $"corrupt JPEG: scan names component {id}, which the frame lacks");
            if (Array.IndexOf(components, c) >= 0)
            {
                JpegError.Throw(source, offset, $"corrupt JPEG: scan names component {id} twice");
            }

            c.DcTable = body[2 + (2 * i)] >> 4;
            c.AcTable = body[2 + (2 * i)] & 15;
            if (c.DcTable > 3 || c.AcTable > 3)
            {
                JpegError.Throw(source, offset, "corrupt JPEG: scan selects a Huffman table above 3");
            }

            components[i] = c;
            blocksPerMcu += c.H * c.V;
        }

        if (count > 1 && blocksPerMcu > 10)
        {
            JpegError.Throw(source, offset, $"corrupt JPEG: {blocksPerMcu} blocks per MCU (at most 10 allowed)");
        }

        var tail = 1 + (2 * count);
        int ss = body[tail], se = body[tail + 1], ah = body[tail + 2] >> 4, al = body[tail + 2] & 15;
        if (frame.Progressive)
        {
            var valid = ss == 0 ? se == 0 : se >= ss && se <= 63 && count == 1;
            if (!valid || ah > 13 || al > 13)
            {
                JpegError.Throw(source, offset, $"corrupt JPEG: bad progressive scan parameters (Ss {ss}, Se {se}, Ah {ah}, Al {al})");
            }
        }

        return new JpegScan(components, ss, se, ah, al);
    }

    /// <summary>Adobe APP14: returns the colour transform byte, or null when the segment is not Adobe's.</summary>
    public static int? ReadAdobeTransform(ReadOnlySpan<byte> body) =>
        body.Length >= 12 && body.StartsWith("Adobe"u8) ? body[11] : null;
}
