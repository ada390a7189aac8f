namespace ModelAudit.Imaging;

/// <summary>Limits applied before any pixel memory is allocated.</summary>
public sealed record DecodeOptions
{
    public static DecodeOptions Default { get; } = new();

    /// <summary>Images with more pixels than this are refused from their header.</summary>
    public long MaxPixels { get; init; } = 100_000_000;

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
                $"image is {width}x{height} = {width * height} pixels, above the limit of {MaxPixels}; raise the pixel limit if this is intended");
        }
    }
}
