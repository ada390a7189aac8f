namespace ModelAudit.Runtime;

/// <summary>
/// An accelerator's results for a model's first batch differ from the CPU's (diagnostic MA1004): its numbers
/// cannot be trusted, so nothing computed on it is used.
/// </summary>
public sealed class DeviceMismatchException : Exception
{
    public const string Code = "MA1004";

    public DeviceMismatchException()
    {
    }

    public DeviceMismatchException(string message)
        : base(message)
    {
    }

    public DeviceMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
