using System.Globalization;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Devices;

/// <summary>
/// Attaches an accelerator to session options. DirectML goes through the generic
/// SessionOptionsAppendExecutionProvider("DML", ...); CUDA is not among that function's provider names in the
/// 1.29 header, so it uses the dedicated CreateCUDAProviderOptions + SessionOptionsAppendExecutionProvider_CUDA_V2.
/// </summary>
internal static unsafe class ExecutionProviderAppender
{
    public static void Append(OrtSessionOptionsHandle options, ExecutionDevice device, int deviceId)
    {
        switch (device)
        {
            case ExecutionDevice.Cpu:
                return;
            case ExecutionDevice.Dml:
                AppendDml(options, deviceId);
                return;
            case ExecutionDevice.Cuda:
                AppendCuda(options, deviceId);
                return;
            default:
                throw new OrtException(OrtErrorCode.InvalidArgument, $"Cannot attach execution device '{device}'.");
        }
    }

    private static void AppendDml(OrtSessionOptionsHandle options, int deviceId)
    {
        var api = OrtLibrary.Instance.Api;
        var raw = options.DangerousGetHandle();

        // DirectML cannot reuse memory patterns and does not support parallel execution.
        OrtStatus.Check(api.DisableMemPattern(raw), "Preparing DirectML (disabling the memory pattern)");
        OrtStatus.Check(api.SetSessionExecutionMode(raw, OrtConstants.ExecutionModeSequential), "Preparing DirectML (sequential execution)");

        using var keys = new Utf8Strings(["device_id"]);
        using var values = new Utf8Strings([deviceId.ToString(CultureInfo.InvariantCulture)]);
        fixed (byte* name = "DML"u8)
        {
            OrtStatus.Check(
                api.SessionOptionsAppendExecutionProvider(raw, name, keys.Pointers, values.Pointers, (nuint)keys.Count),
                $"Attaching DirectML (device_id {deviceId})");
        }

        GC.KeepAlive(options);
    }

    private static void AppendCuda(OrtSessionOptionsHandle options, int deviceId)
    {
        RequireCudaProviderLibraries(Path.GetDirectoryName(OrtLibrary.Instance.Path) ?? ".");
        var api = OrtLibrary.Instance.Api;
        nint rawCuda;
        OrtStatus.Check(api.CreateCudaProviderOptions(&rawCuda), "Creating CUDA provider options");
        using var cuda = new OrtCudaOptionsHandle(rawCuda);
        using var keys = new Utf8Strings(["device_id"]);
        using var values = new Utf8Strings([deviceId.ToString(CultureInfo.InvariantCulture)]);
        OrtStatus.Check(
            api.UpdateCudaProviderOptions(rawCuda, keys.Pointers, values.Pointers, (nuint)keys.Count),
            $"Setting CUDA device_id {deviceId}");
        OrtStatus.Check(
            api.SessionOptionsAppendExecutionProviderCudaV2(options.DangerousGetHandle(), rawCuda),
            $"Attaching CUDA (device_id {deviceId})");
        GC.KeepAlive(options);
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
