namespace ModelAudit.Imaging.Png;

/// <summary>One chunk's place in the file: where it starts (its length field) and where its data lies.</summary>
internal readonly record struct PngChunk(uint Type, int Offset, int DataLength)
{
    /// <summary>Length field, type, data and CRC.</summary>
    public const int Overhead = 12;

    public int DataOffset => Offset + 8;

    public string Name => PngChunkType.Name(Type);

    public ReadOnlySpan<byte> Data(ReadOnlySpan<byte> file) => file.Slice(DataOffset, DataLength);
}
