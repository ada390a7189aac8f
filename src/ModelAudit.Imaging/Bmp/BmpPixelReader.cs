using System.Buffers.Binary;

namespace ModelAudit.Imaging.Bmp;

/// <summary>Unpacks the rows (each padded to 4 bytes, stored bottom-up unless the height was negative) to RGBA.</summary>
internal static class BmpPixelReader
{
    public static Image Read(ReadOnlySpan<byte> data, BmpHeader header, string source)
    {
        if (header.IsRle)
        {
            return FromIndices(BmpRleReader.Expand(data, header, source), header, ReadPalette(data, header));
        }

        var stride = (((long)header.Width * header.BitsPerPixel) + 31) / 32 * 4;
        var needed = header.PixelOffset + (stride * header.Height);

        // Encoders often drop the last row's padding; only the pixel bytes themselves must be present.
        var lastRowBytes = (((long)header.Width * header.BitsPerPixel) + 7) / 8;
        if (needed - stride + lastRowBytes > data.Length)
        {
            throw new ImageFormatException(source, data.Length,
                $"truncated BMP: {header.Width}x{header.Height} at {header.BitsPerPixel} bits needs {needed} bytes, the file has {data.Length}");
        }

        var palette = ReadPalette(data, header);
        var image = new Image(header.Width, header.Height);
        for (var y = 0; y < header.Height; y++)
        {
            var stored = header.TopDown ? y : header.Height - 1 - y;
            var start = header.PixelOffset + (stride * stored);
            var row = data.Slice((int)start, (int)Math.Min(stride, data.Length - start));
            var output = image.Row(y);
            for (var x = 0; x < header.Width; x++)
            {
                var pixel = output.Slice(x * 4, 4);
                if (header.BitsPerPixel <= 8)
                {
                    var index = PaletteIndex(row, x, header.BitsPerPixel);
                    BinaryPrimitives.WriteUInt32LittleEndian(pixel, index < palette.Length ? palette[index] : palette[0]);
                }
                else if (header.BitsPerPixel == 24)
                {
                    (pixel[0], pixel[1], pixel[2], pixel[3]) = (row[(3 * x) + 2], row[(3 * x) + 1], row[3 * x], 255);
                }
                else
                {
                    var value = header.BitsPerPixel == 16
                        ? BinaryPrimitives.ReadUInt16LittleEndian(row[(2 * x)..])
                        : BinaryPrimitives.ReadUInt32LittleEndian(row[(4 * x)..]);
                    (pixel[0], pixel[1], pixel[2], pixel[3]) = (header.Red.Extract(value), header.Green.Extract(value),
                        header.Blue.Extract(value), header.Alpha.Extract(value));
                }
            }
        }

        return image;
    }

    // RLE output: palette indices, bottom row first.
    private static Image FromIndices(byte[] indices, BmpHeader header, uint[] palette)
    {
        var image = new Image(header.Width, header.Height);
        for (var y = 0; y < header.Height; y++)
        {
            var stored = indices.AsSpan((header.Height - 1 - y) * header.Width, header.Width);
            var output = image.Row(y);
            for (var x = 0; x < header.Width; x++)
            {
                var index = stored[x];
                BinaryPrimitives.WriteUInt32LittleEndian(output[(x * 4)..], index < palette.Length ? palette[index] : palette[0]);
            }
        }

        return image;
    }

    private static int PaletteIndex(ReadOnlySpan<byte> row, int x, int bits)
    {
        var perByte = 8 / bits;
        var b = row[x / perByte];
        var shift = 8 - (bits * ((x % perByte) + 1));
        return (b >> shift) & ((1 << bits) - 1);
    }

    // Entries as little-endian RGBA words, ready to copy into the output.
    private static uint[] ReadPalette(ReadOnlySpan<byte> data, BmpHeader header)
    {
        var palette = new uint[header.PaletteCount];
        for (var i = 0; i < palette.Length; i++)
        {
            var at = header.PaletteOffset + (i * header.PaletteEntrySize);
            palette[i] = data[at + 2] | ((uint)data[at + 1] << 8) | ((uint)data[at] << 16) | 0xFF000000u;
        }

        return palette;
    }
}
