namespace ModelAudit.Imaging;

public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    Bmp,
}

/// <summary>Tells the format from the first bytes (signatures from the PNG, JPEG and BMP specs).</summary>
public static class ImageFormatSniffer
{
    public static ImageFormat Detect(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (data.StartsWith(png))
        {
            return ImageFormat.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (data.Length >= 2 && data[0] == (byte)'B' && data[1] == (byte)'M')
        {
            return ImageFormat.Bmp;
        }

        return ImageFormat.Unknown;
    }
}
