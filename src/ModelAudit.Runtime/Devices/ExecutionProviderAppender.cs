using ModelAudit.Runtime.Native;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Devices;

/// <summary>
/// Attaches an accelerator to session options. DirectML needs the memory pattern off and sequential
/// execution (it can reuse neither), and is attached through the DirectML build's exported
/// OrtSessionOptionsAppendExecutionProvider_DML, which the managed AppendExecutionProvider_DML calls.
/// </summary>
internal static class ExecutionProviderAppender
{
    public static void Append(Ort.SessionOptions options, ExecutionDevice device, int deviceId)
    {
        switch (device)
        {
            case ExecutionDevice.Cpu:
                return;
            case ExecutionDevice.Dml:
                AppendDml(options, deviceId);
                return;
            case ExecutionDevice.Cuda:
                RequireCudaProviderLibraries(Path.GetDirectoryName(OrtLibrary.Path) ?? ".");
                OrtCalls.Guard($"Attaching CUDA (device_id {deviceId})", () => options.AppendExecutionProvider_CUDA(deviceId));
                return;
            default:
                throw new OrtException(OrtErrorCode.InvalidArgument, $"Cannot attach execution device '{device}'.");
        }
    }

    /// <summary>The options every DirectML session needs, set before the provider is attached.</summary>
    internal static void PrepareForDml(Ort.SessionOptions options)
    {
        OrtCalls.Guard("Preparing DirectML (memory pattern off, sequential execution)", () =>
        {
            options.EnableMemoryPattern = false;
            options.ExecutionMode = Ort.ExecutionMode.ORT_SEQUENTIAL;
        });
    }

    private static void AppendDml(Ort.SessionOptions options, int deviceId)
    {
        PrepareForDml(options);
        try
        {
            OrtCalls.Guard($"Attaching DirectML (device_id {deviceId})", () => options.AppendExecutionProvider_DML(deviceId));
        }
        catch (EntryPointNotFoundException e)
        {
            throw new OrtException(
                OrtErrorCode.NotImplemented,
                $"Attaching DirectML (device_id {deviceId}): {OrtLibrary.Path} is not ONNX Runtime's DirectML build "
                + $"(it exports no OrtSessionOptionsAppendExecutionProvider_DML). Use --device cpu.", e);
        }
    }

    /// <summary>
    /// The CUDA provider lives in separate libraries beside ONNX Runtime. The npm package only downloads them
    /// in its install script, which the build skips on purpose, so say so instead of ORT's loader message.
    /// </summary>
    internal static void RequireCudaProviderLibraries(string folder)
    {
        string[] needed = OperatingSystem.IsWindows()
            ? ["onnxruntime_providers_shared.dll", "onnxruntime_providers_cuda.dll"]
            : ["libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so"];
        var missing = needed.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new OrtException(OrtErrorCode.NoSuchFile,
                $"CUDA was requested, but the CUDA provider libraries ({string.Join(", ", missing)}) are not in {folder}; " +
                "this ONNX Runtime ships without them. Copy them there from an ONNX Runtime 1.30 CUDA build, or use --device cpu or auto.");
        }
    }
}
