using ModelAudit.IO;

namespace ModelAudit.Imaging;

/// <summary>Reads any supported image file, choosing the codec from the content, not the extension.</summary>
public static class ImageDecoder
{
    public static Image Decode(string path, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        byte[] data;
        try
        {
            data = BoundedFile.ReadAll(path, options.MaxFileBytes, "an image file this large is not supported");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageFormatException(path, null, e is BoundedFileException ? e.Message : $"cannot read the file: {e.Message}");
        }

        return Decode(data, path, options);
    }

    public static Image Decode(ReadOnlySpan<byte> data, string source, DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        return ImageFormatSniffer.Detect(data) switch
        {
            ImageFormat.Png => PngDecoder.Decode(data, source, options),
            ImageFormat.Jpeg => JpegDecoder.Decode(data, source, options),
            ImageFormat.Bmp => BmpDecoder.Decode(data, source, options),
            _ => throw new ImageFormatException(source, 0,
                data.IsEmpty ? "the file is empty" : "not a supported image (expected PNG, JPEG or BMP content)"),
        };
    }
}
