using System.Buffers.Binary;

namespace ModelAudit.Imaging.Bmp;

/// <summary>The file header and the DIB header (core, info, or V2..V5), with the masks and palette location.</summary>
internal readonly record struct BmpHeader(
    int Width,
    int Height,
    bool TopDown,
    int BitsPerPixel,
    int PixelOffset,
    BmpChannelMask Red,
    BmpChannelMask Green,
    BmpChannelMask Blue,
    BmpChannelMask Alpha,
    int PaletteOffset,
    int PaletteEntrySize,
    int PaletteCount,
    uint Compression)
{
    public const uint BiRle8 = 1;
    public const uint BiRle4 = 2;

    public bool IsRle => Compression is BiRle8 or BiRle4;

    private const int FileHeaderSize = 14;
    private const uint BiRgb = 0;
    private const uint BiBitfields = 3;
    private const uint BiAlphaBitfields = 6;

    public static BmpHeader Parse(ReadOnlySpan<byte> data, string source, DecodeOptions options)
    {
        if (data.Length < FileHeaderSize + 4 || data[0] != 'B' || data[1] != 'M')
        {
            Fail(source, 0, data.Length < 18 ? "truncated BMP: the file is shorter than its headers" : "not a BMP file (no BM signature)");
        }

        var pixelOffset = U32(data, 10);
        var dibSize = U32(data, 14);
        if (dibSize is not (12 or 40 or 52 or 56 or 64 or 108 or 124))
        {
            Fail(source, 14, $"unsupported BMP header size {dibSize}");
        }

        if (data.Length < FileHeaderSize + dibSize)
        {
            Fail(source, data.Length, "truncated BMP: the file ends inside the header");
        }

        var dib = data.Slice(FileHeaderSize, (int)dibSize);
        int width, height, bpp;
        uint compression = BiRgb;
        uint colorsUsed = 0;
        if (dibSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(dib[4..]);
            height = BinaryPrimitives.ReadInt16LittleEndian(dib[6..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(dib[10..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(dib[4..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(dib[8..]);
            bpp = BinaryPrimitives.ReadUInt16LittleEndian(dib[14..]);
            compression = U32(dib, 16);
            colorsUsed = U32(dib, 32);
        }

        var topDown = height < 0;
        var rows = Math.Abs((long)height);
        options.CheckSize(source, width, rows, 18);
        if (bpp is not (1 or 4 or 8 or 16 or 24 or 32))
        {
            Fail(source, FileHeaderSize + (dibSize == 12 ? 10 : 14), $"unsupported BMP bit depth {bpp}");
        }

        if (compression is not (BiRgb or BiBitfields or BiAlphaBitfields or BiRle8 or BiRle4))
        {
            var name = compression switch { 4 => "embedded JPEG", 5 => "embedded PNG", _ => $"type {compression}" };
            Fail(source, 30, $"compressed BMP ({name}) is not supported");
        }

        if ((compression == BiRle8 && bpp != 8) || (compression == BiRle4 && bpp != 4))
        {
            Fail(source, 30, $"corrupt BMP: {(compression == BiRle8 ? "RLE8" : "RLE4")} compression with {bpp} bits per pixel");
        }

        if (compression is BiRle8 or BiRle4 && topDown)
        {
            Fail(source, 22, "corrupt BMP: run-length compressed bitmaps must be stored bottom-up (positive height)");
        }

        if (compression is BiBitfields or BiAlphaBitfields && bpp is not (16 or 32))
        {
            Fail(source, 30, $"bit-field BMP must be 16 or 32-bit, not {bpp}");
        }

        var (r, g, b, a) = Masks(data, source, dibSize, bpp, compression);
        var paletteOffset = FileHeaderSize + (int)dibSize + (dibSize == 40 && compression is BiBitfields or BiAlphaBitfields ? (compression == BiAlphaBitfields ? 16 : 12) : 0);
        var entrySize = dibSize == 12 ? 3 : 4;
        var paletteCount = 0;
        if (bpp <= 8)
        {
            paletteCount = colorsUsed == 0 ? 1 << bpp : (int)Math.Min(colorsUsed, 1u << bpp);
            if (paletteOffset + ((long)paletteCount * entrySize) > data.Length)
            {
                Fail(source, paletteOffset, "truncated BMP: the file ends inside the palette");
            }
        }

        if (pixelOffset < paletteOffset || pixelOffset > data.Length)
        {
            Fail(source, 10, $"corrupt BMP: pixel data offset {pixelOffset} is outside the file");
        }

        return new BmpHeader((int)width, (int)rows, topDown, bpp, (int)pixelOffset, r, g, b, a, paletteOffset, entrySize, paletteCount, compression);
    }

    private static (BmpChannelMask R, BmpChannelMask G, BmpChannelMask B, BmpChannelMask A) Masks(
        ReadOnlySpan<byte> data, string source, uint dibSize, int bpp, uint compression)
    {
        if (compression is not (BiBitfields or BiAlphaBitfields))
        {
            // Implicit layouts: 5-5-5 for 16-bit; BGR with an unused byte for 32-bit.
            return bpp == 16
                ? (new(0x7C00), new(0x03E0), new(0x001F), default)
                : (new(0x00FF0000), new(0x0000FF00), new(0x000000FF), default);
        }

        // The masks sit at offset 40 of the DIB header: inside it (V2+) or right after a 40-byte one.
        var at = FileHeaderSize + 40;
        var alphaInHeader = dibSize >= 56 || compression == BiAlphaBitfields;
        if (at + (alphaInHeader ? 16 : 12) > data.Length)
        {
            Fail(source, at, "truncated BMP: the file ends inside the colour masks");
        }

        var masks = (new BmpChannelMask(U32(data, at)), new BmpChannelMask(U32(data, at + 4)),
            new BmpChannelMask(U32(data, at + 8)), alphaInHeader ? new BmpChannelMask(U32(data, at + 12)) : default);
        if (bpp == 16 && ((masks.Item1.Mask | masks.Item2.Mask | masks.Item3.Mask | masks.Item4.Mask) > 0xFFFF))
        {
            Fail(source, at, "corrupt BMP: a colour mask is wider than the 16-bit pixel");
        }

        foreach (var mask in new[] { masks.Item1.Mask, masks.Item2.Mask, masks.Item3.Mask, masks.Item4.Mask })
        {
            // A mask must be one run of bits, or scaling would be meaningless.
            var run = mask >> System.Numerics.BitOperations.TrailingZeroCount(mask | 0x8000_0000u);
            if (mask != 0 && (run & (run + 1)) != 0)
            {
                Fail(source, at, $"corrupt BMP: colour mask 0x{mask:X8} is not contiguous");
            }
        }

        return masks;
    }

    private static uint U32(ReadOnlySpan<byte> data, int at) => BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);

    private static void Fail(string source, long offset, string problem) => throw new ImageFormatException(source, offset, problem);
}
