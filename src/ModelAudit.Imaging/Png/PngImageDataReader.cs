using System.IO.Compression;

namespace ModelAudit.Imaging.Png;

/// <summary>
/// Inflates the IDAT stream one scanline at a time, so a hostile stream can never make us inflate more
/// than the header promises, and turns every inflater failure into an <see cref="ImageFormatException"/>.
/// </summary>
internal sealed class PngImageDataReader : IDisposable
{
    private readonly ZLibStream _inflater;
    private readonly string _source;
    private readonly int _offset;

    public PngImageDataReader(byte[] compressed, string source, int firstIdatOffset)
    {
        _inflater = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
        _source = source;
        _offset = firstIdatOffset;
    }

    /// <summary>Fills <paramref name="line"/> (filter byte and row) completely or throws.</summary>
    public void ReadLine(Span<byte> line, int pass, int y)
    {
        int read;
        try
        {
            read = _inflater.ReadAtLeast(line, line.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw PngErrors.At(_source, _offset, $"image data is not a valid zlib stream ({e.Message})");
        }

        if (read < line.Length)
        {
            throw PngErrors.At(_source, _offset, $"image data ends early, in row {y} of pass {pass + 1} (truncated or damaged IDAT)");
        }
    }

    public void Dispose() => _inflater.Dispose();
}
