using System.Buffers.Binary;

namespace ModelAudit.Imaging.Png;

/// <summary>
/// Walks the chunks after the signature, checking each one's bounds and CRC before anyone reads its data.
/// </summary>
internal ref struct PngChunkReader
{
    public const int SignatureLength = 8;

    private readonly ReadOnlySpan<byte> _file;
    private readonly string _source;
    private int _position;

    public PngChunkReader(ReadOnlySpan<byte> file, string source)
    {
        _file = file;
        _source = source;
        ReadOnlySpan<byte> signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        if (!file.StartsWith(signature))
        {
            throw PngErrors.At(source, 0, "not a PNG file (the 8-byte signature is missing or damaged)");
        }

        _position = SignatureLength;
    }

    /// <summary>Reads the next chunk; false at the end of the input.</summary>
    public bool TryRead(out PngChunk chunk)
    {
        chunk = default;
        var remaining = _file.Length - _position;
        if (remaining == 0)
        {
            return false;
        }

        var start = _position;
        if (remaining < PngChunk.Overhead)
        {
            throw PngErrors.At(_source, start, $"file ends inside a chunk header ({remaining} bytes left, a chunk needs at least {PngChunk.Overhead})");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_file[start..]);
        var type = BinaryPrimitives.ReadUInt32BigEndian(_file[(start + 4)..]);
        if (!PngChunkType.IsWellFormed(type))
        {
            throw PngErrors.At(_source, start, $"chunk type bytes 0x{type:X8} are not four ASCII letters (damaged or misaligned chunk)");
        }

        var name = PngChunkType.Name(type);
        if (length > int.MaxValue || length > (ulong)(remaining - PngChunk.Overhead))
        {
            throw PngErrors.At(_source, start, $"{name} chunk claims {length} data bytes but only {remaining - PngChunk.Overhead} remain (truncated file or damaged length)");
        }

        chunk = new PngChunk(type, start, (int)length);
        var covered = _file.Slice(start + 4, 4 + (int)length);
        var stored = BinaryPrimitives.ReadUInt32BigEndian(_file[(start + 8 + (int)length)..]);
        var computed = PngCrc32.Compute(covered);
        if (stored != computed)
        {
            throw PngErrors.InChunk(_source, chunk, $"CRC mismatch (stored 0x{stored:X8}, computed 0x{computed:X8}); the chunk is damaged");
        }

        _position = start + PngChunk.Overhead + (int)length;
        return true;
    }
}
