using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Devices;

/// <summary>
/// Decides the execution provider from the request, the OS and the providers the loaded ONNX Runtime build offers.
/// Pure, so every combination is testable without a GPU.
/// </summary>
internal static class DevicePlanner
{
    public const string DmlProvider = "DmlExecutionProvider";
    public const string CudaProvider = "CUDAExecutionProvider";

    public static DevicePlan Plan(ExecutionDevice requested, HostOs os, IReadOnlyCollection<string> availableProviders) => requested switch
    {
        ExecutionDevice.Cpu => new DevicePlan(ExecutionDevice.Cpu, "cpu", FallBackToCpu: false),
        ExecutionDevice.Dml => PlanDml(os, availableProviders),
        ExecutionDevice.Cuda => PlanCuda(availableProviders),
        ExecutionDevice.Auto => PlanAuto(os, availableProviders),
        _ => throw new OrtException(OrtErrorCode.InvalidArgument, $"Unknown execution device '{requested}'."),
    };

    /// <summary>The plan after the accelerator of an auto plan failed to attach or to load the model.</summary>
    public static DevicePlan FallBack(DevicePlan failed, string reason) =>
        new(ExecutionDevice.Cpu, $"auto -> cpu ({Name(failed.Device)} failed: {reason})", FallBackToCpu: false);

    private static DevicePlan PlanAuto(HostOs os, IReadOnlyCollection<string> providers)
    {
        if (os != HostOs.Windows)
        {
            return new DevicePlan(ExecutionDevice.Cpu, "auto -> cpu (DirectML is only available on Windows)", FallBackToCpu: false);
        }

        return providers.Contains(DmlProvider)
            ? new DevicePlan(ExecutionDevice.Dml, "auto -> dml (DirectML provider available)", FallBackToCpu: true)
            : new DevicePlan(ExecutionDevice.Cpu, $"auto -> cpu (this ONNX Runtime build has no {DmlProvider})", FallBackToCpu: false);
    }

    private static DevicePlan PlanDml(HostOs os, IReadOnlyCollection<string> providers)
    {
        if (os != HostOs.Windows)
        {
            throw new DeviceFailureException(
                $"Device 'dml' was requested, but DirectML is only available on Windows (in ONNX Runtime's DirectML build); "
                + $"this is {os}. Use device 'cpu' or 'auto'.");
        }

        if (!providers.Contains(DmlProvider))
        {
            throw new DeviceFailureException(
                $"Device 'dml' was requested, but the loaded ONNX Runtime build has no {DmlProvider} "
                + $"(available: {string.Join(", ", providers)}). Use the DirectML build (npm onnxruntime-node's win32 binaries).");
        }

        return new DevicePlan(ExecutionDevice.Dml, "dml", FallBackToCpu: false);
    }

    private static DevicePlan PlanCuda(IReadOnlyCollection<string> providers)
    {
        if (!providers.Contains(CudaProvider))
        {
            throw new DeviceFailureException(
                $"Device 'cuda' was requested, but the loaded ONNX Runtime build has no {CudaProvider} "
                + $"(available: {string.Join(", ", providers)}). Point MODELAUDIT_ORT_PATH at a CUDA build of ONNX Runtime.");
        }

        return new DevicePlan(ExecutionDevice.Cuda, "cuda", FallBackToCpu: false);
    }

    private static string Name(ExecutionDevice device) => device.ToString().ToLowerInvariant();
}
