namespace ModelAudit.Imaging;

/// <summary>Limits applied before any pixel memory is allocated, and where recoverable damage is reported.</summary>
public sealed record DecodeOptions
{
    /// <summary>50 megapixels: every common camera and 8K video frame, 200 MB of RGBA.</summary>
    public const long DefaultMaxPixels = 50_000_000;

    /// <summary>No PNG, JPEG or BMP within the pixel limit needs more (an uncompressed 32-bit BMP at the limit is 200 MB).</summary>
    public const long DefaultMaxFileBytes = 256L << 20;

    public static DecodeOptions Default { get; } = new();

    /// <summary>Images with more pixels than this are refused from their header.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Files larger than this are refused before they are read.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Receives one line per recoverable defect (a damaged JPEG restart interval); null ignores them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Checks a header's size against <see cref="MaxPixels"/>; throws naming the source.</summary>
    public void CheckSize(string source, long width, long height, long? offset = null)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageFormatException(source, offset, $"image size {width}x{height} is empty");
        }

        if (width * height > MaxPixels)
        {
            throw new ImageFormatException(source, offset,
                $"image is {width}x{height} = {width * height} pixels, above the limit of {MaxPixels}; if this is intended, raise it with --max-pixels N (\"limits\": {{\"maxPixels\": N}} in modelaudit.json)");
        }
    }

    internal void Warn(string source, long offset, string problem) => Warning?.Invoke($"{source}: {problem} (at byte {offset})");
}
