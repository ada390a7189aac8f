namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Reads entropy-coded bits: removes stuffed zero bytes, stops at markers, and like libjpeg supplies zero
/// bits past a marker or the end of the file, but only a few bytes' worth so damaged files fail fast.
/// </summary>
internal ref struct JpegBitReader
{
    // A well-formed scan never consumes fill; a little is allowed because encoders differ in padding.
    private const int MaxFillBitsConsumed = 64;

    private readonly ReadOnlySpan<byte> data;
    private readonly string source;
    private ulong buffer;
    private int count;
    private long fillBits;
    private int markerAt;

    public JpegBitReader(ReadOnlySpan<byte> data, int position, string source)
    {
        this.data = data;
        this.source = source;
        Position = position;
        markerAt = -1;
    }

    /// <summary>Next unread byte of entropy-coded data (the marker's position once one is reached).</summary>
    public int Position { get; private set; }

    public uint Peek16()
    {
        if (count < 16)
        {
            Fill();
        }

        return (uint)(buffer >> (count - 16)) & 0xFFFF;
    }

    public void Skip(int bits)
    {
        count -= bits;
        if (fillBits - count > MaxFillBitsConsumed)
        {
            JpegError.Throw(source, Position,
                "entropy-coded data ends before the image is complete (truncated or corrupt JPEG)");
        }
    }

    public int GetBits(int bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        if (count < bits)
        {
            Fill();
        }

        var value = (int)(buffer >> (count - bits)) & ((1 << bits) - 1);
        Skip(bits);
        return value;
    }

    public int GetBit() => GetBits(1);

    /// <summary>Reads s bits and sign-extends them (spec F.2.2.1 EXTEND).</summary>
    public int ReceiveExtend(int s)
    {
        if (s == 0)
        {
            return 0;
        }

        var v = GetBits(s);
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    public int DecodeHuffman(HuffmanTable table)
    {
        var (length, symbol) = table.Decode(Peek16());
        if (length == 0)
        {
            JpegError.Throw(source, Position, "corrupt JPEG: bad Huffman code");
        }

        Skip(length);
        return symbol;
    }

    /// <summary>
    /// Discards buffered bits and moves past the next RSTn marker, returning n (0..7); -1 when another marker or the
    /// end of the data comes first. <paramref name="skippedData"/> tells whether entropy-coded bytes lay before the
    /// marker: then the interval just decoded did not end where its data did, so it was damaged.
    /// </summary>
    public int SkipToRestart(out bool skippedData)
    {
        buffer = 0;
        count = 0;
        fillBits = 0;
        skippedData = false;
        var pos = markerAt >= 0 ? markerAt : Position;
        markerAt = -1;
        while (pos + 1 < data.Length)
        {
            var next = data[pos + 1];
            if (data[pos] != 0xFF || next == 0x00)
            {
                skippedData = true;
                pos += data[pos] == 0xFF ? 2 : 1;
                continue;
            }

            if (next == 0xFF)
            {
                pos++; // Fill bytes may precede any marker.
                continue;
            }

            if (next is >= 0xD0 and <= 0xD7)
            {
                Position = pos + 2;
                return next - 0xD0;
            }

            Position = pos;
            markerAt = pos;
            return -1;
        }

        skippedData = true;
        Position = data.Length;
        return -1;
    }

    /// <summary>Where the marker that ends this scan starts, skipping any stray bytes before it.</summary>
    public int FindScanEnd()
    {
        var pos = markerAt >= 0 ? markerAt : Position;
        while (pos + 1 < data.Length)
        {
            if (data[pos] == 0xFF && data[pos + 1] != 0 && data[pos + 1] != 0xFF &&
                (data[pos + 1] < 0xD0 || data[pos + 1] > 0xD7))
            {
                return pos;
            }

            pos++;
        }

        return JpegError.Throw<int>(source, data.Length, "truncated JPEG: no marker after the last scan");
    }

    private void Fill()
    {
        while (count <= 56)
        {
            var b = NextByte();
            buffer = (buffer << 8) | b;
            count += 8;
        }
    }

    private uint NextByte()
    {
        if (markerAt >= 0 || Position >= data.Length)
        {
            fillBits += 8;
            return 0;
        }

        var b = data[Position];
        if (b != 0xFF)
        {
            Position++;
            return b;
        }

        // 0xFF: stuffed data byte when followed by 0x00; otherwise (after fill 0xFFs) a marker.
        var next = Position + 1;
        while (next < data.Length && data[next] == 0xFF)
        {
            next++;
        }

        if (next < data.Length && data[next] == 0x00)
        {
            Position = next + 1;
            return 0xFF;
        }

        markerAt = Position;
        fillBits += 8;
        return 0;
    }
}
