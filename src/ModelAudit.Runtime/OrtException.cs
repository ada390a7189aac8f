namespace ModelAudit.Runtime;

/// <summary>
/// A failure reported by ONNX Runtime (its message and error code carried through) or found by this binding
/// before calling it (invalid inputs, a missing library or provider).
/// </summary>
public sealed class OrtException : Exception
{
    public OrtException()
    {
    }

    public OrtException(string message)
        : base(message)
    {
        Code = OrtErrorCode.Fail;
    }

    public OrtException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = OrtErrorCode.Fail;
    }

    public OrtException(OrtErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public OrtErrorCode Code { get; }
}
