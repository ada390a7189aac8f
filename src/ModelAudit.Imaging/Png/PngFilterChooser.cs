namespace ModelAudit.Imaging.Png;

/// <summary>
/// Picks each row's filter by the usual heuristic (libpng's and the spec's suggestion): the filter whose
/// output, read as signed bytes, has the smallest sum of absolute values compresses best more often than not.
/// </summary>
internal sealed class PngFilterChooser(int rowBytes)
{
    private readonly byte[] _candidate = new byte[rowBytes];

    /// <summary>Writes the filter type byte and the filtered row into <paramref name="line"/>.</summary>
    public void FilterRow(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int stride, Span<byte> line)
    {
        var bestCost = long.MaxValue;
        for (var type = PngFilters.None; type <= PngFilters.Paeth; type++)
        {
            PngFilters.Filter(type, row, prior, stride, _candidate);
            var cost = Cost(_candidate);
            if (cost < bestCost)
            {
                bestCost = cost;
                line[0] = (byte)type;
                _candidate.CopyTo(line[1..]);
            }
        }
    }

    private static long Cost(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (var b in filtered)
        {
            sum += Math.Abs((int)(sbyte)b);
        }

        return sum;
    }
}
