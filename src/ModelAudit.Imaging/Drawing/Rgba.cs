namespace ModelAudit.Imaging.Drawing;

/// <summary>One 8-bit RGBA color; alpha 255 is opaque.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static Rgba Black { get; } = new(0, 0, 0);

    public static Rgba White { get; } = new(255, 255, 255);

    /// <summary>Reads 3 (opaque) or 4 bytes, as colors arrive from configuration.</summary>
    public static Rgba FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        3 => new Rgba(bytes[0], bytes[1], bytes[2]),
        4 => new Rgba(bytes[0], bytes[1], bytes[2], bytes[3]),
        _ => throw new ArgumentException($"A color needs 3 (RGB) or 4 (RGBA) bytes, got {bytes.Length}.", nameof(bytes)),
    };

    /// <summary>Rec. 601 luma in 0..255, enough to pick black or white text over a color.</summary>
    public float Luma => (0.299f * R) + (0.587f * G) + (0.114f * B);
}
