using System.Runtime.InteropServices;
using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime;

/// <summary>Facts about the loaded ONNX Runtime library (loading it on first use).</summary>
public static unsafe class OrtInfo
{
    /// <summary>The library's version string, e.g. "1.30.0".</summary>
    public static string Version => OrtLibrary.Instance.Version;

    /// <summary>Build details including the git commit and compiler flags.</summary>
    public static string BuildInfo => Marshal.PtrToStringUTF8((nint)OrtLibrary.Instance.Api.GetBuildInfoString()) ?? string.Empty;

    /// <summary>The file the native library was loaded from.</summary>
    public static string LibraryPath => OrtLibrary.Instance.Path;

    /// <summary>Execution providers compiled into this build, e.g. CPUExecutionProvider, DmlExecutionProvider.</summary>
    public static IReadOnlyList<string> AvailableProviders => OrtProviders.Available;

    /// <summary>What --device auto would pick on this machine and why, e.g. "auto -> cpu (DirectML is only available on Windows)".</summary>
    public static string AutoDeviceReport =>
        DevicePlanner.Plan(ExecutionDevice.Auto, HostOsDetector.Current, OrtProviders.Available.ToList()).Report;
}
