namespace ModelAudit.Imaging;

/// <summary>
/// A file that is not a readable image: names the file, and where known the byte offset, so the user
/// can find the damage. Decoders throw only this type for bad input.
/// </summary>
public sealed class ImageFormatException : Exception
{
    public ImageFormatException(string source, long? offset, string problem)
        : base(offset is long at ? $"{source}: {problem} (at byte {at})" : $"{source}: {problem}")
    {
        Source = source;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file path or display name of the input.</summary>
    public new string Source { get; }

    public long? Offset { get; }

    public string Problem { get; }
}
