namespace ModelAudit.Imaging.Processing;

/// <summary>
/// The source taps and weights of every output index along one axis of a triangle-filter resample.
/// Computed once per axis so the pixel loops only multiply and add.
/// </summary>
internal sealed class ResampleAxis
{
    private ResampleAxis(int[] first, int[] count, float[] weights, int stride)
    {
        First = first;
        Count = count;
        Weights = weights;
        Stride = stride;
    }

    /// <summary>First source index contributing to each output index.</summary>
    public int[] First { get; }

    /// <summary>Number of contributing source indices for each output index.</summary>
    public int[] Count { get; }

    /// <summary>Weights, <see cref="Stride"/> per output index; the first Count of each are used.</summary>
    public float[] Weights { get; }

    public int Stride { get; }

    public ReadOnlySpan<float> WeightsOf(int output) => Weights.AsSpan(output * Stride, Count[output]);

    /// <summary>
    /// Half-pixel centers (align_corners = false). When shrinking, the triangle is widened by the scale
    /// factor so every source pixel contributes (antialiasing, as PIL does); when enlarging it stays
    /// one source pixel wide, which is plain bilinear interpolation. Taps falling outside the source
    /// are dropped and the rest renormalized, which for two taps equals edge replication.
    /// </summary>
    public static ResampleAxis Triangle(int sourceSize, int outputSize)
    {
        double scale = (double)sourceSize / outputSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = filterScale;
        int stride = (int)Math.Ceiling(support) * 2 + 1;

        var first = new int[outputSize];
        var count = new int[outputSize];
        var weights = new float[outputSize * stride];
        var raw = new double[stride];
        for (int i = 0; i < outputSize; i++)
        {
            double center = (i + 0.5) * scale;
            int lo = Math.Max((int)Math.Floor(center - support + 0.5), 0);
            int hi = Math.Min((int)Math.Floor(center + support + 0.5), sourceSize);
            int n = Math.Min(hi - lo, stride);
            double total = 0;
            for (int k = 0; k < n; k++)
            {
                double distance = Math.Abs((lo + k + 0.5 - center) / filterScale);
                raw[k] = Math.Max(0.0, 1.0 - distance);
                total += raw[k];
            }

            // Trim zero-weight taps so the common enlarging case costs two taps, not three.
            int start = 0;
            while (start < n - 1 && raw[start] == 0)
            {
                start++;
            }

            int end = n;
            while (end > start + 1 && raw[end - 1] == 0)
            {
                end--;
            }

            first[i] = lo + start;
            count[i] = end - start;
            for (int k = start; k < end; k++)
            {
                weights[(i * stride) + k - start] = (float)(total > 0 ? raw[k] / total : 1.0 / n);
            }
        }

        return new ResampleAxis(first, count, weights, stride);
    }
}
