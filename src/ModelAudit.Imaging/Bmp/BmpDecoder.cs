namespace ModelAudit.Imaging;

/// <summary>
/// Decodes Windows and OS/2 bitmaps: 1/4/8-bit palettes (uncompressed, RLE4, RLE8), 16-bit (5-5-5, 5-6-5,
/// bit fields), 24 and 32-bit, bottom-up or top-down.
/// </summary>
public static class BmpDecoder
{
    public static Image Decode(ReadOnlySpan<byte> data, string source, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var header = Bmp.BmpHeader.Parse(data, source, options ?? DecodeOptions.Default);
        return Bmp.BmpPixelReader.Read(data, header, source);
    }
}
