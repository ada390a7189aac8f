using System.Buffers.Binary;

namespace ModelAudit.Imaging.Png;

/// <summary>The IHDR record, validated against the legal colour type / bit depth pairs.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    public const int Length = 13;

    /// <summary>Samples a pixel carries in the file (a palette index counts as one).</summary>
    public int StoredChannels => ColorType switch
    {
        PngColorType.Grey or PngColorType.Palette => 1,
        PngColorType.GreyAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    public int BitsPerPixel => StoredChannels * BitDepth;

    /// <summary>The filter distance: whole bytes per pixel, at least one (spec 9.2).</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    public long RowBytes(long width) => (width * BitsPerPixel + 7) / 8;

    public static PngHeader Parse(PngChunk chunk, ReadOnlySpan<byte> file, string source)
    {
        if (chunk.DataLength != Length)
        {
            throw PngErrors.InChunk(source, chunk, $"length is {chunk.DataLength}, expected {Length}");
        }

        var data = chunk.Data(file);
        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int depth = data[8];
        int colorType = data[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw PngErrors.InChunk(source, chunk, $"image size {width}x{height} is outside 1..2^31-1");
        }

        if (!IsLegal(colorType, depth))
        {
            throw PngErrors.InChunk(source, chunk, $"colour type {colorType} with bit depth {depth} is not a legal combination");
        }

        if (data[10] != 0 || data[11] != 0)
        {
            throw PngErrors.InChunk(source, chunk, $"unknown compression method {data[10]} or filter method {data[11]} (only 0 is defined)");
        }

        if (data[12] > 1)
        {
            throw PngErrors.InChunk(source, chunk, $"unknown interlace method {data[12]} (0 none, 1 Adam7)");
        }

        return new PngHeader((int)width, (int)height, depth, (PngColorType)colorType, data[12] == 1);
    }

    private static bool IsLegal(int colorType, int depth) => colorType switch
    {
        0 => depth is 1 or 2 or 4 or 8 or 16,
        3 => depth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => depth is 8 or 16,
        _ => false,
    };
}
