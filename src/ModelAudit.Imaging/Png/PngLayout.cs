namespace ModelAudit.Imaging.Png;

/// <summary>Everything the chunk pass learned that pixel decoding needs.</summary>
internal sealed record PngLayout(
    PngHeader Header,
    PngPalette? Palette,
    PngColorKey? ColorKey,
    byte[] CompressedData,
    int FirstIdatOffset)
{
    /// <summary>Channels after palette expansion, plus alpha when tRNS supplies it.</summary>
    public int OutputChannels => Header.ColorType switch
    {
        PngColorType.Grey => ColorKey is null ? 1 : 2,
        PngColorType.GreyAlpha => 2,
        PngColorType.Rgb => ColorKey is null ? 3 : 4,
        PngColorType.Palette => Palette!.HasAlpha ? 4 : 3,
        _ => 4,
    };

    /// <summary>Sub-byte depths and palettes come out as 8-bit samples; only 16-bit files stay 16-bit.</summary>
    public int OutputBitDepth => Header.BitDepth == 16 ? 16 : 8;
}
