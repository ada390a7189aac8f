namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>The order in which deletion and insertion curves take pixels: the map's highest values first.</summary>
internal static class PixelRanking
{
    /// <summary>Pixel indices sorted by map value, highest first; ties keep index order so runs are reproducible.
    /// NaN counts as lowest (a map that says nothing about a pixel does not rank it first).</summary>
    public static int[] HighestFirst(ReadOnlySpan<float> map)
    {
        var keys = new float[map.Length];
        var order = new int[map.Length];
        for (var i = 0; i < map.Length; i++)
        {
            keys[i] = float.IsNaN(map[i]) ? float.PositiveInfinity : -map[i];
            order[i] = i;
        }

        // Array.Sort is not stable; sorting (key, index) pairs through a comparison on both is.
        Array.Sort(order, (a, b) =>
        {
            var byKey = keys[a].CompareTo(keys[b]);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>How many pixels step <paramref name="step"/> of <paramref name="steps"/> takes: round(step / steps * count).</summary>
    public static int CountAt(int step, int steps, int count) =>
        (int)Math.Round((double)step * count / steps, MidpointRounding.AwayFromZero);
}
