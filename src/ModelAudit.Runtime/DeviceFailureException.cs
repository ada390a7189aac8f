namespace ModelAudit.Runtime;

/// <summary>
/// An execution device the user asked for by name failed (to attach, to load the model or while running it)
/// although the CPU runs the same model: a device problem, reported as such, never as a bad model.
/// </summary>
public sealed class DeviceFailureException : Exception
{
    public DeviceFailureException()
    {
    }

    public DeviceFailureException(string message)
        : base(message)
    {
    }

    public DeviceFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
