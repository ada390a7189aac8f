namespace ModelAudit.Runtime;

/// <summary>
/// Where the Runtime says that a device gave way to the CPU (auto fell back): never silent, so the default
/// writes one line to stderr; hosts with their own logger replace it.
/// </summary>
public static class DeviceLog
{
    private static volatile Action<string> warning = message => Console.Error.WriteLine($"modelaudit: warning: {message}");

    public static Action<string> Warning
    {
        get => warning;
        set => warning = value ?? throw new ArgumentNullException(nameof(value));
    }
}
