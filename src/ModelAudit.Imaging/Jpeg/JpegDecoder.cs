namespace ModelAudit.Imaging;

/// <summary>
/// Decodes baseline and progressive Huffman JPEG (8-bit; grey, YCbCr, RGB, Adobe CMYK and YCCK) to RGBA,
/// matching libjpeg-turbo's default output (islow IDCT, fancy upsampling) and applying EXIF orientation.
/// </summary>
public static class JpegDecoder
{
    public static Image Decode(ReadOnlySpan<byte> data, string source, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Jpeg.JpegDecoderCore.Decode(data, source, options ?? DecodeOptions.Default);
    }
}
