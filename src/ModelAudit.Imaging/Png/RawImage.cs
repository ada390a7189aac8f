namespace ModelAudit.Imaging;

/// <summary>
/// Decoded PNG samples at their stored precision: 1 to 4 channels (grey, grey+alpha, RGB, RGBA after palette
/// expansion and tRNS), 8 or 16 bits, one <see cref="ushort"/> a sample, rows top to bottom.
/// </summary>
public sealed class RawImage
{
    public RawImage(int width, int height, int channels, int bitDepth, ushort[] samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        if (bitDepth is not (8 or 16))
        {
            throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "Bit depth must be 8 or 16.");
        }

        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length != (long)width * height * channels)
        {
            throw new ArgumentException($"Expected {(long)width * height * channels} samples for {width}x{height}x{channels}, got {samples.Length}.", nameof(samples));
        }

        var max = bitDepth == 8 ? byte.MaxValue : ushort.MaxValue;
        foreach (var s in samples)
        {
            if (s > max)
            {
                throw new ArgumentException($"Sample {s} does not fit {bitDepth} bits.", nameof(samples));
            }
        }

        Width = width;
        Height = height;
        Channels = channels;
        BitDepth = bitDepth;
        Samples = samples;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>8 or 16: the range of every sample.</summary>
    public int BitDepth { get; }

    /// <summary>Width * Height * Channels samples, row-major, channels interleaved.</summary>
    public ushort[] Samples { get; }
}
