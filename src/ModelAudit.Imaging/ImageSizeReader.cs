using System.Buffers.Binary;
using ModelAudit.Imaging.Bmp;
using ModelAudit.Imaging.Jpeg;
using ModelAudit.Imaging.Png;

namespace ModelAudit.Imaging;

/// <summary>
/// An image's upright size from its header, without decoding a pixel: what the audit needs to place expected
/// regions in the model's input before it decides which layer to map (decoding every image twice would not do).
/// </summary>
public static class ImageSizeReader
{
    // The size sits in the first bytes: PNG's IHDR and BMP's headers at fixed offsets, JPEG's SOF after its APPn
    // segments, usually within the first few kilobytes; a large EXIF thumbnail, ICC profile or XMP (each segment at
    // most 64 KB) can push it further, so a JPEG not sized from the short head is read up to the long one.
    private const int ShortHead = 64 << 10;
    private const int LongHead = 1 << 20;

    /// <summary>The size a decode would produce (EXIF orientation applied), or null when the header cannot tell it.</summary>
    public static (int Width, int Height)? TryRead(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            var size = TryRead(Head(file, ShortHead));
            return size is null && file.Length > ShortHead ? TryRead(Head(file, LongHead)) : size;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        catch (ImageFormatException)
        {
            // A damaged header is the decoder's to report, with its offset, when the image is audited.
            return null;
        }
    }

    private static byte[] Head(FileStream file, int limit)
    {
        file.Position = 0;
        var head = new byte[(int)Math.Min(limit, file.Length)];
        return head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }

    internal static (int Width, int Height)? TryRead(ReadOnlySpan<byte> head) => ImageFormatSniffer.Detect(head) switch
    {
        ImageFormat.Png => Png(head),
        ImageFormat.Bmp => Bmp(head),
        ImageFormat.Jpeg => Jpeg(head),
        _ => null,
    };

    private static (int, int)? Png(ReadOnlySpan<byte> head)
    {
        var reader = new PngChunkReader(head, "header");
        return reader.TryRead(out var first) && first.Type == PngChunkType.Ihdr && PngHeader.Parse(first, head, "header") is var h
            ? (h.Width, h.Height)
            : null;
    }

    private static (int, int)? Bmp(ReadOnlySpan<byte> head)
    {
        var h = BmpHeader.Parse(head, "header", DecodeOptions.Default with { MaxPixels = long.MaxValue });
        return (h.Width, h.Height);
    }

    /// <summary>Walks the marker segments to the frame header (SOFn), reading the EXIF orientation on the way.</summary>
    private static (int, int)? Jpeg(ReadOnlySpan<byte> head)
    {
        var orientation = 1;
        var pos = 2;
        while (pos + 4 <= head.Length && head[pos] == 0xFF)
        {
            var marker = head[pos + 1];
            if (marker is 0xFF or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(head[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > head.Length || marker is 0xDA or 0xD9)
            {
                return null;
            }

            var body = head.Slice(pos + 4, length - 2);
            if (marker == 0xE1 && orientation == 1 && ExifOrientation.IsExif(body))
            {
                orientation = ExifOrientation.Read(body);
            }
            else if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC) && body.Length >= 5)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]), width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
                // Orientations 5..8 turn the picture a quarter: the decoded image is the stored one on its side.
                return width == 0 || height == 0 ? null : orientation >= 5 && orientation <= 8 ? (height, width) : (width, height);
            }

            pos += 2 + length;
        }

        return null;
    }
}
