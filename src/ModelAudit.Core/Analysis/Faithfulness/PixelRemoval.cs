namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>Writes a copy of an image with some pixels removed, by one <see cref="RemovalMethod"/>.</summary>
internal sealed class PixelRemoval
{
    private readonly PlanarImage image;
    private readonly RemovalMethod method;
    private readonly int seed;
    private readonly float[] means;
    private float[]? blurred;

    public PixelRemoval(PlanarImage image, RemovalMethod method, int seed)
    {
        this.image = image;
        this.method = method;
        this.seed = seed;
        means = [.. Enumerable.Range(0, image.Channels).Select(image.Mean)];
    }

    /// <summary>Fills <paramref name="destination"/> (C*H*W) with the image, the pixels marked in
    /// <paramref name="removed"/> replaced.</summary>
    public void Write(ReadOnlySpan<bool> removed, Span<float> destination, int step)
    {
        image.Values.CopyTo(destination);
        var size = image.PlaneSize;
        for (var c = 0; c < image.Channels; c++)
        {
            var plane = destination.Slice(c * size, size);
            switch (method)
            {
                case RemovalMethod.Mean:
                    Fill(plane, removed, means[c]);
                    break;
                case RemovalMethod.Blur:
                    blurred ??= GaussianBlur.Planes(image, Sigma(image));
                    var source = blurred.AsSpan(c * size, size);
                    for (var p = 0; p < size; p++)
                    {
                        if (removed[p])
                        {
                            plane[p] = source[p];
                        }
                    }

                    break;
                default:
                    if (AllRemoved(removed))
                    {
                        // Nothing to impute from: the mean colour, as the mean method would.
                        Fill(plane, removed, means[c]);
                    }
                    else
                    {
                        RoadImputer.Impute(plane, image.Width, image.Height, removed, new Random(unchecked((seed * 1_000_003) + (step * 131) + c)));
                    }

                    break;
            }
        }
    }

    /// <summary>Petsiuk et al. blur with sigma 5 at 224 pixels; scaled with the input so the blur means the same.</summary>
    private static double Sigma(PlanarImage image) => 5.0 * Math.Max(image.Width, image.Height) / 224;

    private static void Fill(Span<float> plane, ReadOnlySpan<bool> removed, float value)
    {
        for (var p = 0; p < plane.Length; p++)
        {
            if (removed[p])
            {
                plane[p] = value;
            }
        }
    }

    private static bool AllRemoved(ReadOnlySpan<bool> removed) => !removed.Contains(false);
}
