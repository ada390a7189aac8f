using ModelAudit.Imaging;

namespace ModelAudit.Core.Preprocessing;

/// <summary>
/// A batch tensor [N, ...] filled one image at a time, so a caller that decodes images one by one can drop each
/// decoded picture as soon as its slot is written: what a batch holds is model-size floats, not full-size photos.
/// </summary>
public sealed class InputBatch
{
    private readonly PreprocessSpec spec;
    private readonly List<string> names;
    private readonly List<ImagePlacement> placements;

    public InputBatch(PreprocessSpec spec, int capacity)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.spec = spec;
        PerImage = spec.ChannelCount * spec.Width * spec.Height;
        Data = new float[checked(PerImage * capacity)];
        Shape = Preprocessor.Shape(spec, capacity);
        names = new List<string>(capacity);
        placements = new List<ImagePlacement>(capacity);
    }

    /// <summary>The tensor; slot i holds the i-th image added.</summary>
    public float[] Data { get; }

    public long[] Shape { get; }

    /// <summary>Floats per image (one slot).</summary>
    public int PerImage { get; }

    public IReadOnlyList<string> Names => names;

    public IReadOnlyList<ImagePlacement> Placements => placements;

    public bool IsFull => names.Count == Shape[0];

    /// <summary>Preprocesses <paramref name="image"/> into the next slot.</summary>
    public ImagePlacement Add(string name, Image image)
    {
        if (IsFull)
        {
            throw new InvalidOperationException($"the batch holds {Shape[0]} images; '{name}' does not fit");
        }

        var placement = Preprocessor.Fill(image, spec, Data.AsSpan(names.Count * PerImage, PerImage));
        names.Add(name);
        placements.Add(placement);
        return placement;
    }
}
