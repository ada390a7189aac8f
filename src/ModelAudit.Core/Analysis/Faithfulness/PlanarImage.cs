namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>One preprocessed input as channel planes (C x H x W, the tensor's values), what the curves perturb.</summary>
internal sealed record PlanarImage(float[] Values, int Channels, int Width, int Height)
{
    public int PlaneSize => Width * Height;

    public Span<float> Plane(int channel) => Values.AsSpan(channel * PlaneSize, PlaneSize);

    public float Mean(int channel)
    {
        double sum = 0;
        foreach (var v in Plane(channel))
        {
            sum += v;
        }

        return (float)(sum / PlaneSize);
    }
}
