using ModelAudit.Runtime.Devices;
using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests.Devices;

public sealed class CudaLibrariesTests
{
    [Fact]
    public void RequireCudaProviderLibraries_Missing_NamesTheFilesAndTheFolder()
    {
        using var folder = new TempDir();

        var e = Assert.Throws<OrtException>(() => ExecutionProviderAppender.RequireCudaProviderLibraries(folder.Path));

        Assert.Contains("providers_cuda", e.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Path, e.Message, StringComparison.Ordinal);
        Assert.Contains("--device cpu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireCudaProviderLibraries_Present_Passes()
    {
        using var folder = new TempDir();
        foreach (var name in OperatingSystem.IsWindows()
            ? new[] { "onnxruntime_providers_shared.dll", "onnxruntime_providers_cuda.dll" }
            : ["libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so"])
        {
            File.WriteAllBytes(folder.File(name), []);
        }

        ExecutionProviderAppender.RequireCudaProviderLibraries(folder.Path);
    }

    [Fact]
    public void Open_CudaWithoutProviderLibraries_FailsWithTheExplanation()
    {
        var bytes = new Models.TinyModel().Input("x", 1).Output("y", 1).Node("Relu", ["x"], ["y"]).Build();

        var e = Assert.Throws<DeviceFailureException>(() => InferenceSession.Open(bytes, "relu.onnx", new SessionSettings { Device = ExecutionDevice.Cuda }));

        Assert.Contains("CUDA provider libraries", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("CUDA failed while loading relu.onnx: ", e.Message, StringComparison.Ordinal);
    }
}
