namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// A canonical Huffman table (JPEG spec Annex C) with a 9-bit lookahead table for the common short codes
/// and per-length maximum codes for the rest.
/// </summary>
internal sealed class HuffmanTable
{
    public const int LookaheadBits = 9;

    private readonly byte[] symbols;
    private readonly int[] maxCode = new int[18];
    private readonly int[] valueOffset = new int[18];

    // (length << 8) | symbol, or 0 when the code is longer than the lookahead.
    private readonly ushort[] lookahead = new ushort[1 << LookaheadBits];

    private HuffmanTable(byte[] symbols) => this.symbols = symbols;

    /// <summary>Builds from the 16 code-length counts and the symbols; null when the counts cannot form a code.</summary>
    public static HuffmanTable? Create(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        var table = new HuffmanTable(symbols.ToArray());
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            var n = counts[length - 1];
            table.valueOffset[length] = k - code;
            if (n == 0)
            {
                table.maxCode[length] = -1;
            }
            else
            {
                for (var i = 0; i < n; i++, k++, code++)
                {
                    // Codes of this length must fit in it (libjpeg's "bogus Huffman table" check).
                    if (code >= 1 << length)
                    {
                        return null;
                    }

                    if (length <= LookaheadBits)
                    {
                        var shift = LookaheadBits - length;
                        var first = code << shift;
                        for (var fill = 0; fill < 1 << shift; fill++)
                        {
                            table.lookahead[first + fill] = (ushort)((length << 8) | symbols[k]);
                        }
                    }
                }

                table.maxCode[length] = code - 1;
            }

            code <<= 1;
        }

        table.maxCode[17] = int.MaxValue;
        return table;
    }

    /// <summary>Decodes one symbol from 16 peeked bits; returns (length, symbol) or length 0 for a bad code.</summary>
    public (int Length, int Symbol) Decode(uint peek16)
    {
        var hit = lookahead[peek16 >> (16 - LookaheadBits)];
        if (hit != 0)
        {
            return (hit >> 8, hit & 0xFF);
        }

        for (var length = LookaheadBits + 1; length <= 16; length++)
        {
            var code = (int)(peek16 >> (16 - length));
            if (code <= maxCode[length])
            {
                var index = code + valueOffset[length];
                return (uint)index < (uint)symbols.Length ? (length, symbols[index]) : (0, 0);
            }
        }

        return (0, 0);
    }
}
