using System.Buffers.Binary;

namespace ModelAudit.Imaging.Png;

/// <summary>Appends length, type, data and CRC records to a stream.</summary>
internal static class PngChunkWriter
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(Stream output, uint type, ReadOnlySpan<byte> data)
    {
        Span<byte> field = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(field, (uint)data.Length);
        output.Write(field);
        BinaryPrimitives.WriteUInt32BigEndian(field, type);
        output.Write(field);
        output.Write(data);
        var crc = PngCrc32.Finish(PngCrc32.Update(PngCrc32.Update(PngCrc32.Start, field), data));
        BinaryPrimitives.WriteUInt32BigEndian(field, crc);
        output.Write(field);
    }

    public static void WriteHeader(Stream output, PngHeader header)
    {
        Span<byte> data = stackalloc byte[PngHeader.Length];
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)header.Width);
        BinaryPrimitives.WriteUInt32BigEndian(data[4..], (uint)header.Height);
        data[8] = (byte)header.BitDepth;
        data[9] = (byte)header.ColorType;
        data[10] = 0;
        data[11] = 0;
        data[12] = header.Interlaced ? (byte)1 : (byte)0;
        Write(output, PngChunkType.Ihdr, data);
    }
}
