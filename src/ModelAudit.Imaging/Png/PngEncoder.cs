using System.Buffers.Binary;
using ModelAudit.Imaging.Png;

namespace ModelAudit.Imaging;

/// <summary>Writes deterministic, non-interlaced PNGs with per-row adaptive filtering.</summary>
public static class PngEncoder
{
    /// <summary>RGB when every pixel is opaque (smaller files), RGBA otherwise; 8 bits a sample.</summary>
    public static byte[] Encode(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var opaque = IsOpaque(image.Pixels);
        var header = new PngHeader(image.Width, image.Height, 8, opaque ? PngColorType.Rgb : PngColorType.Rgba, Interlaced: false);
        return PngEncoderCore.Encode(header, (y, row) =>
        {
            var source = image.Row(y);
            if (!opaque)
            {
                source.CopyTo(row);
                return;
            }

            for (var x = 0; x < image.Width; x++)
            {
                row[x * 3] = source[x * 4];
                row[(x * 3) + 1] = source[(x * 4) + 1];
                row[(x * 3) + 2] = source[(x * 4) + 2];
            }
        });
    }

    /// <summary>Grey, grey+alpha, RGB or RGBA (by <see cref="RawImage.Channels"/>) at the image's 8 or 16 bits.</summary>
    public static byte[] Encode(RawImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var colorType = image.Channels switch
        {
            1 => PngColorType.Grey,
            2 => PngColorType.GreyAlpha,
            3 => PngColorType.Rgb,
            _ => PngColorType.Rgba,
        };
        var header = new PngHeader(image.Width, image.Height, image.BitDepth, colorType, Interlaced: false);
        var perRow = image.Width * image.Channels;
        return PngEncoderCore.Encode(header, (y, row) =>
        {
            var source = image.Samples.AsSpan(y * perRow, perRow);
            for (var i = 0; i < perRow; i++)
            {
                if (image.BitDepth == 16)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(row[(i * 2)..], source[i]);
                }
                else
                {
                    row[i] = (byte)source[i];
                }
            }
        });
    }

    /// <summary>Encodes and replaces <paramref name="path"/> atomically: a failed write leaves the old file intact.</summary>
    public static void Save(Image image, string path) => AtomicFile.WriteAllBytes(path, Encode(image));

    /// <inheritdoc cref="Save(Image, string)"/>
    public static void Save(RawImage image, string path) => AtomicFile.WriteAllBytes(path, Encode(image));

    private static bool IsOpaque(ReadOnlySpan<byte> rgba)
    {
        for (var i = 3; i < rgba.Length; i += 4)
        {
            if (rgba[i] != 255)
            {
                return false;
            }
        }

        return true;
    }
}
