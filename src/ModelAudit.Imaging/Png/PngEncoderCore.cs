using System.IO.Compression;

namespace ModelAudit.Imaging.Png;

/// <summary>
/// Writes a non-interlaced PNG from rows of already packed big-endian samples. Nothing time- or
/// machine-dependent goes into the file, so equal pixels give equal bytes.
/// </summary>
internal static class PngEncoderCore
{
    /// <summary>IDAT is split so no single chunk grows without bound; any size is legal, this one is customary.</summary>
    private const int IdatChunkSize = 1 << 16;

    /// <summary>Fills one row of packed samples; called for y = 0 .. height-1 in order.</summary>
    public delegate void RowSource(int y, Span<byte> row);

    public static byte[] Encode(PngHeader header, RowSource rows)
    {
        var rowBytes = (int)header.RowBytes(header.Width);
        var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var chooser = new PngFilterChooser(rowBytes);
            var row = new byte[rowBytes];
            var prior = new byte[rowBytes];
            var line = new byte[rowBytes + 1];
            for (var y = 0; y < header.Height; y++)
            {
                rows(y, row);
                chooser.FilterRow(row, prior, header.FilterStride, line);
                deflater.Write(line);
                (row, prior) = (prior, row);
            }
        }

        var output = new MemoryStream();
        output.Write(PngChunkWriter.Signature);
        PngChunkWriter.WriteHeader(output, header);
        var data = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        do
        {
            var piece = data[..Math.Min(IdatChunkSize, data.Length)];
            PngChunkWriter.Write(output, PngChunkType.Idat, piece);
            data = data[piece.Length..];
        }
        while (!data.IsEmpty);

        PngChunkWriter.Write(output, PngChunkType.Iend, []);
        return output.ToArray();
    }
}
