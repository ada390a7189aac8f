namespace ModelAudit.Runtime;

/// <summary>
/// ONNX Runtime's native library is missing, unloadable or too old: an installation problem (the message
/// lists the paths searched and the fix), never a bad model and never a bug.
/// </summary>
public sealed class OrtLibraryException : Exception
{
    public OrtLibraryException()
    {
    }

    public OrtLibraryException(string message)
        : base(message)
    {
    }

    public OrtLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
