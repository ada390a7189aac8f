namespace ModelAudit.Runtime.Native;

/// <summary>The operating systems ONNX Runtime ships native builds for; decisions take it as data so tests can vary it.</summary>
internal enum HostOs
{
    Other,
    Windows,
    Linux,
    MacOs,
}

internal static class HostOsDetector
{
    public static HostOs Current =>
        OperatingSystem.IsWindows() ? HostOs.Windows
        : OperatingSystem.IsLinux() ? HostOs.Linux
        : OperatingSystem.IsMacOS() ? HostOs.MacOs
        : HostOs.Other;
}
