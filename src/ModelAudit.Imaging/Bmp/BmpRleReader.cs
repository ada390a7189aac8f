namespace ModelAudit.Imaging.Bmp;

/// <summary>
/// Expands RLE8 and RLE4 pixel data (BI_RLE8 = 1, BI_RLE4 = 2) to palette indices: pairs (count, index) repeat
/// an index (RLE4: two alternating nibbles); escapes 0 ends a line, 1 ends the bitmap, 2 moves by (dx, dy), and
/// 3..255 start a literal run padded to 16 bits. Runs continue linearly into the next row and pixels never
/// written keep index 0, as ImageMagick decodes them.
/// </summary>
internal static class BmpRleReader
{
    public static byte[] Expand(ReadOnlySpan<byte> data, BmpHeader header, string source)
    {
        var width = header.Width;
        var total = (long)width * header.Height;
        var indices = new byte[total]; // stored order: bottom row first
        var four = header.BitsPerPixel == 4;
        var pos = header.PixelOffset;
        long p = 0;
        var row = 0L;
        while (p < total && row < header.Height)
        {
            if (pos + 2 > data.Length)
            {
                throw new ImageFormatException(source, pos, $"truncated BMP: the {(four ? "RLE4" : "RLE8")} data ends at row {row + 1} of {header.Height}");
            }

            int count = data[pos], value = data[pos + 1];
            pos += 2;
            if (count > 0)
            {
                for (var i = 0; i < count && p < total; i++)
                {
                    indices[p++] = (byte)(four ? (i % 2 == 0 ? value >> 4 : value & 0xF) : value);
                }

                continue;
            }

            switch (value)
            {
                case 0:
                    row++;
                    p = row * width;
                    break;
                case 1:
                    return indices;
                case 2:
                    if (pos + 2 > data.Length)
                    {
                        throw new ImageFormatException(source, pos, "truncated BMP: the file ends inside an RLE delta");
                    }

                    var x = (p - (row * width)) + data[pos];
                    row += data[pos + 1];
                    p = (row * width) + x;
                    pos += 2;
                    break;
                default:
                    var bytes = four ? (value + 1) / 2 : value;
                    if (pos + bytes > data.Length)
                    {
                        throw new ImageFormatException(source, pos, "truncated BMP: the file ends inside an RLE literal run");
                    }

                    for (var i = 0; i < value && p < total; i++)
                    {
                        indices[p++] = four ? (byte)(i % 2 == 0 ? data[pos + (i / 2)] >> 4 : data[pos + (i / 2)] & 0xF) : data[pos + i];
                    }

                    pos += bytes + (bytes % 2);
                    break;
            }
        }

        return indices;
    }
}
