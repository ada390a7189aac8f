using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime;

/// <summary>Facts about the loaded ONNX Runtime library (loading it on first use).</summary>
public static class OrtInfo
{
    /// <summary>The library's version string, e.g. "1.30.0".</summary>
    public static string Version
    {
        get
        {
            OrtEnvironment.Ensure();
            return OrtCalls.Guard("Reading ONNX Runtime's version", OrtEnvironment.Instance.GetVersionString);
        }
    }

    /// <summary>The file the native library was loaded from.</summary>
    public static string LibraryPath
    {
        get
        {
            OrtEnvironment.Ensure();
            return OrtLibrary.Path;
        }
    }

    /// <summary>Execution providers compiled into this build, e.g. CPUExecutionProvider, DmlExecutionProvider.</summary>
    public static IReadOnlyList<string> AvailableProviders => OrtProviders.Available;

    /// <summary>What --device auto would pick on this machine and why, e.g. "auto -> cpu (DirectML is only available on Windows)".</summary>
    public static string AutoDeviceReport =>
        DevicePlanner.Plan(ExecutionDevice.Auto, HostOsDetector.Current, OrtProviders.Available.ToList()).Report;
}
