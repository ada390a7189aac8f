namespace ModelAudit.Imaging.Png;

/// <summary>PLTE entries with the alpha values tRNS gives them (entries tRNS leaves out stay opaque).</summary>
internal sealed class PngPalette
{
    private PngPalette(byte[] rgb, byte[] alpha, bool hasAlpha)
    {
        Rgb = rgb;
        Alpha = alpha;
        HasAlpha = hasAlpha;
    }

    public int Count => Rgb.Length / 3;

    /// <summary>Three bytes an entry.</summary>
    public byte[] Rgb { get; }

    /// <summary>One byte an entry.</summary>
    public byte[] Alpha { get; }

    /// <summary>True when a tRNS chunk was present, so the decoded image carries an alpha channel.</summary>
    public bool HasAlpha { get; }

    public static PngPalette Parse(PngChunk chunk, ReadOnlySpan<byte> file, string source, PngHeader header)
    {
        if (chunk.DataLength == 0 || chunk.DataLength % 3 != 0 || chunk.DataLength > 256 * 3)
        {
            throw PngErrors.InChunk(source, chunk, $"length {chunk.DataLength} is not 3 bytes times 1..256 entries");
        }

        var count = chunk.DataLength / 3;
        if (header.ColorType == PngColorType.Palette && count > 1 << header.BitDepth)
        {
            throw PngErrors.InChunk(source, chunk, $"{count} entries cannot be addressed with {header.BitDepth}-bit indexes");
        }

        var alpha = new byte[count];
        alpha.AsSpan().Fill(255);
        return new PngPalette(chunk.Data(file).ToArray(), alpha, hasAlpha: false);
    }

    public PngPalette WithAlpha(PngChunk chunk, ReadOnlySpan<byte> file, string source)
    {
        if (chunk.DataLength > Count)
        {
            throw PngErrors.InChunk(source, chunk, $"{chunk.DataLength} alpha values for a palette of {Count} entries");
        }

        var alpha = (byte[])Alpha.Clone();
        chunk.Data(file).CopyTo(alpha);
        return new PngPalette(Rgb, alpha, hasAlpha: true);
    }
}
