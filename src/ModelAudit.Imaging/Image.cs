namespace ModelAudit.Imaging;

/// <summary>
/// An 8-bit RGBA picture, rows top to bottom, 4 bytes a pixel. Every decoder produces one and every
/// analysis consumes one, so codecs and analyses never need to know about each other.
/// </summary>
public sealed class Image
{
    public Image(int width, int height)
        : this(width, height, new byte[checked(width * height * 4)])
    {
    }

    public Image(int width, int height, byte[] rgba)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(rgba);
        if (rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException($"Expected {(long)width * height * 4} bytes for {width}x{height} RGBA, got {rgba.Length}.", nameof(rgba));
        }

        Width = width;
        Height = height;
        Pixels = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>RGBA bytes, row-major; length Width * Height * 4.</summary>
    public byte[] Pixels { get; }

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width * 4, Width * 4);

    public Image Clone() => new(Width, Height, (byte[])Pixels.Clone());
}
