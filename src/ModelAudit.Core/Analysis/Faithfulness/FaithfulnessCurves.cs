namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// Draws the deletion and insertion curves of one image: every step's perturbed copy is scored in batches
/// through the plain forward pass (no gradients), so the cost is (2 * Steps + 2) forward passes per image.
/// </summary>
internal static class FaithfulnessCurves
{
    /// <summary>Scores <paramref name="count"/> inputs laid out one after another (C*H*W each): the target class's
    /// probability per input.</summary>
    public delegate double[] Scorer(float[] batch, int count);

    public static FaithfulnessResult Compute(PlanarImage image, ReadOnlySpan<float> map, FaithfulnessOptions options,
        Scorer score, int batchSize)
    {
        options.Validate();
        if (map.Length != image.PlaneSize)
        {
            throw new ArgumentException($"map has {map.Length} values, the image {image.PlaneSize} pixels", nameof(map));
        }

        var order = PixelRanking.HighestFirst(map);
        var removal = new PixelRemoval(image, options.Removal, options.Seed);
        var steps = options.Steps;
        var inputs = new List<(bool Deletion, int Step)>();
        for (var k = 0; k <= steps; k++)
        {
            inputs.Add((true, k));
            inputs.Add((false, k));
        }

        var deletion = new double[steps + 1];
        var insertion = new double[steps + 1];
        var per = image.Values.Length;
        var removed = new bool[image.PlaneSize];
        batchSize = Math.Max(1, batchSize);
        for (var start = 0; start < inputs.Count; start += batchSize)
        {
            var n = Math.Min(batchSize, inputs.Count - start);
            var batch = new float[per * n];
            for (var j = 0; j < n; j++)
            {
                var (isDeletion, k) = inputs[start + j];
                Mark(removed, order, PixelRanking.CountAt(k, steps, order.Length), isDeletion);
                removal.Write(removed, batch.AsSpan(j * per, per), (isDeletion ? 0 : steps + 1) + k);
            }

            var scores = score(batch, n);
            for (var j = 0; j < n; j++)
            {
                var (isDeletion, k) = inputs[start + j];
                (isDeletion ? deletion : insertion)[k] = scores[j];
            }
        }

        return new FaithfulnessResult(deletion, insertion);
    }

    /// <summary>Deletion removes the first <paramref name="taken"/> ranked pixels; insertion keeps only them.</summary>
    private static void Mark(bool[] removed, int[] order, int taken, bool deletion)
    {
        for (var i = 0; i < order.Length; i++)
        {
            removed[order[i]] = deletion ? i < taken : i >= taken;
        }
    }
}
