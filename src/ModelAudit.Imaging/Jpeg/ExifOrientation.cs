using System.Buffers.Binary;

namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Finds the Orientation tag (0x0112) in IFD0 of an APP1 "Exif" payload. Damaged EXIF is ignored (returns 1)
/// rather than failing the picture, as viewers do: the pixels are still good.
/// </summary>
internal static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;

    public static bool IsExif(ReadOnlySpan<byte> payload) =>
        payload.Length >= 6 && payload.StartsWith("Exif\0\0"u8);

    public static int Read(ReadOnlySpan<byte> payload)
    {
        if (!IsExif(payload) || payload.Length < 14)
        {
            return 1;
        }

        var tiff = payload[6..];
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return 1;
        }

        var ifd = U32(tiff, 4, little);
        if (ifd < 8 || ifd > tiff.Length - 2)
        {
            return 1;
        }

        var entries = U16(tiff, (int)ifd, little);
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + (12 * i);
            if (at + 12 > tiff.Length)
            {
                return 1;
            }

            if (U16(tiff, at, little) == OrientationTag)
            {
                // Type SHORT (3), one value, stored left-justified in the value field.
                var value = U16(tiff, at + 8, little);
                return value is >= 1 and <= 8 ? value : 1;
            }
        }

        return 1;
    }

    private static ushort U16(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt16BigEndian(s[at..]);

    private static uint U32(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
}
