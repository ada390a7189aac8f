using System.Buffers.Binary;

namespace ModelAudit.Imaging.Png;

/// <summary>
/// The single grey level or RGB colour that tRNS marks fully transparent in grey and RGB images, in the
/// file's own sample values (before any scaling).
/// </summary>
internal readonly record struct PngColorKey(ushort R, ushort G, ushort B)
{
    public static PngColorKey Parse(PngChunk chunk, ReadOnlySpan<byte> file, string source, PngHeader header)
    {
        var expected = header.ColorType == PngColorType.Grey ? 2 : 6;
        if (chunk.DataLength != expected)
        {
            throw PngErrors.InChunk(source, chunk, $"length is {chunk.DataLength}, expected {expected} for colour type {(int)header.ColorType}");
        }

        var data = chunk.Data(file);
        var first = BinaryPrimitives.ReadUInt16BigEndian(data);
        return header.ColorType == PngColorType.Grey
            ? new PngColorKey(first, first, first)
            : new PngColorKey(first, BinaryPrimitives.ReadUInt16BigEndian(data[2..]), BinaryPrimitives.ReadUInt16BigEndian(data[4..]));
    }
}
