using ModelAudit.Imaging.Png;

namespace ModelAudit.Imaging;

/// <summary>Managed PNG decoding: every colour type, bit depth and interlace method of the PNG specification.</summary>
public static class PngDecoder
{
    /// <summary>Decodes to 8-bit RGBA; bad input throws <see cref="ImageFormatException"/> naming <paramref name="source"/>.</summary>
    public static Image Decode(ReadOnlySpan<byte> data, string source, DecodeOptions? options = null)
    {
        var layout = ReadLayout(data, source, options);
        var sink = new RgbaImageSink(layout.Header.Width, layout.Header.Height, layout.OutputChannels, layout.OutputBitDepth);
        PngPixelDecoder.Decode(layout, source, sink);
        return sink.Image;
    }

    /// <summary>Decodes keeping the stored channels and exact 8- or 16-bit sample values.</summary>
    public static RawImage DecodeRaw(ReadOnlySpan<byte> data, string source, DecodeOptions? options = null)
    {
        var layout = ReadLayout(data, source, options);
        var header = layout.Header;
        var sink = new RawImageSink(header.Width, header.Height, layout.OutputChannels);
        PngPixelDecoder.Decode(layout, source, sink);
        return new RawImage(header.Width, header.Height, layout.OutputChannels, layout.OutputBitDepth, sink.Samples);
    }

    private static PngLayout ReadLayout(ReadOnlySpan<byte> data, string source, DecodeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(source);
        return PngLayoutReader.Read(data, source, options ?? DecodeOptions.Default);
    }
}
