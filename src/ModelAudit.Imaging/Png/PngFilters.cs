namespace ModelAudit.Imaging.Png;

/// <summary>The five scanline filters of filter method 0 (spec 9.2), forwards for encoding, backwards for decoding.</summary>
internal static class PngFilters
{
    public const int None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <summary>Undoes <paramref name="type"/> in place; <paramref name="prior"/> is the previous unfiltered row (zeros for the first).</summary>
    public static bool TryUnfilter(int type, Span<byte> row, ReadOnlySpan<byte> prior, int stride)
    {
        switch (type)
        {
            case None:
                return true;
            case Sub:
                for (var i = stride; i < row.Length; i++)
                {
                    row[i] += row[i - stride];
                }

                return true;
            case Up:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += prior[i];
                }

                return true;
            case Average:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= stride ? row[i - stride] : 0;
                    row[i] += (byte)((left + prior[i]) >> 1);
                }

                return true;
            case Paeth:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= stride ? row[i - stride] : (byte)0;
                    var upLeft = i >= stride ? prior[i - stride] : (byte)0;
                    row[i] += PaethPredictor(left, prior[i], upLeft);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="type"/> into <paramref name="output"/>.</summary>
    public static void Filter(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int stride, Span<byte> output)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var left = i >= stride ? row[i - stride] : (byte)0;
            var upLeft = i >= stride ? prior[i - stride] : (byte)0;
            var predicted = type switch
            {
                Sub => left,
                Up => prior[i],
                Average => (byte)((left + prior[i]) >> 1),
                Paeth => PaethPredictor(left, prior[i], upLeft),
                _ => (byte)0,
            };
            output[i] = (byte)(row[i] - predicted);
        }
    }

    /// <summary>Picks whichever of a, b, c is nearest to a + b - c, ties in that order (spec 9.4).</summary>
    public static byte PaethPredictor(byte a, byte b, byte c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
