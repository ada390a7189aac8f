using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime;

/// <summary>What running a model on a device showed.</summary>
public enum DeviceStatus
{
    /// <summary>Created, ran, and matched the CPU.</summary>
    Works,

    /// <summary>Could not attach, load or run (the message says which).</summary>
    Fails,

    /// <summary>Ran, but its numbers differ from the CPU's.</summary>
    Differs,

    /// <summary>Not offered on this machine or by this ONNX Runtime build.</summary>
    Unavailable,
}

/// <param name="Message">For people: why it fails, what differs, or why it is unavailable; "ok" when it works.</param>
public sealed record DeviceCheckResult(ExecutionDevice Device, DeviceStatus Status, string Message);

/// <summary>
/// `modelaudit doctor`'s device check: every device is really created and runs the given model, and its
/// results are compared with the CPU's, instead of trusting the provider list.
/// </summary>
public static class DeviceCheck
{
    public static IReadOnlyList<DeviceCheckResult> Run(byte[] model, IReadOnlyDictionary<string, FloatTensor> inputs, SessionSettings? settings = null)
    {
        OrtEnvironment.Ensure();
        var providers = OrtProviders.Available;
        var os = HostOsDetector.Current;
        var candidates = new List<(ExecutionDevice, string?)>
        {
            (ExecutionDevice.Cpu, null),
            (ExecutionDevice.Dml, os != HostOs.Windows ? "DirectML is only available on Windows"
                : providers.Contains(DevicePlanner.DmlProvider) ? null : $"this ONNX Runtime build has no {DevicePlanner.DmlProvider}"),
            (ExecutionDevice.Cuda, providers.Contains(DevicePlanner.CudaProvider) ? null : $"this ONNX Runtime build has no {DevicePlanner.CudaProvider}"),
        };
        return Run(ModelSource.FromBytes(model, "the built-in check model"), inputs, settings ?? new SessionSettings(), candidates, OrtSessionDevice.For);
    }

    /// <param name="candidates">Each device with null when it may be tried, else why it is unavailable; the CPU first.</param>
    internal static IReadOnlyList<DeviceCheckResult> Run(
        ModelSource model,
        IReadOnlyDictionary<string, FloatTensor> inputs,
        SessionSettings settings,
        IReadOnlyList<(ExecutionDevice Device, string? Unavailable)> candidates,
        Func<ExecutionDevice, ISessionDevice> deviceFor)
    {
        var results = new List<DeviceCheckResult>();
        IReadOnlyList<string>? names = null;
        IReadOnlyList<FloatTensor>? reference = null;
        foreach (var (device, unavailable) in candidates)
        {
            if (unavailable is not null)
            {
                results.Add(new DeviceCheckResult(device, DeviceStatus.Unavailable, unavailable));
                continue;
            }

            var (status, message, outputs, outputNames) = Try(deviceFor(device), model, inputs, settings with { Device = device });
            if (device == ExecutionDevice.Cpu)
            {
                (reference, names) = (outputs, outputNames);
            }
            else if (status == DeviceStatus.Works && reference is null)
            {
                (status, message) = (DeviceStatus.Fails, "ran, but cannot be compared: the CPU itself failed");
            }
            else if (status == DeviceStatus.Works && DeviceComparison.Compare(names!, outputs!, reference!) is { } difference)
            {
                (status, message) = (DeviceStatus.Differs, difference);
            }

            results.Add(new DeviceCheckResult(device, status, message));
        }

        return results;
    }

    private static (DeviceStatus, string, IReadOnlyList<FloatTensor>?, IReadOnlyList<string>?) Try(
        ISessionDevice device, ModelSource model, IReadOnlyDictionary<string, FloatTensor> inputs, SessionSettings settings)
    {
        ISessionCore session;
        try
        {
            session = device.Open(model, settings);
        }
        catch (OrtException e)
        {
            return (DeviceStatus.Fails, $"cannot create a session: {e.Message}", null, null);
        }

        using (session)
        {
            var names = session.Description.Outputs.Select(o => o.Name).ToList();
            try
            {
                return (DeviceStatus.Works, "ok", session.Run(inputs, names), names);
            }
            catch (OrtException e)
            {
                return (DeviceStatus.Fails, $"fails while running {DeviceFailures.Node(e.Message)}: {e.Message}", null, null);
            }
        }
    }
}
