using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests;

/// <summary>Device choice on the CPU build this machine loads; the accelerator paths are covered by DevicePlannerTests.</summary>
public class InferenceSessionDeviceTests
{
    private static readonly byte[] Relu = new TinyModel().Input("x", 1).Output("y", 1).Node("Relu", ["x"], ["y"]).Build();

    [Fact]
    public void Open_AutoOnLinux_RunsOnCpuAndSaysWhy()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var session = InferenceSession.Open(Relu, "relu.onnx");

        Assert.Equal(ExecutionDevice.Cpu, session.Device);
        Assert.Equal("auto -> cpu (DirectML is only available on Windows)", session.DeviceReport);
    }

    [Fact]
    public void Open_Cpu_ReportsCpu()
    {
        using var session = InferenceSession.Open(Relu, "relu.onnx", new SessionSettings { Device = ExecutionDevice.Cpu });

        Assert.Equal(ExecutionDevice.Cpu, session.Device);
        Assert.Equal("cpu", session.DeviceReport);
    }

    [Fact]
    public void Open_DmlOnLinux_ExplainsDirectMLIsWindowsOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var error = Assert.Throws<DeviceFailureException>(() =>
            InferenceSession.Open(Relu, "relu.onnx", new SessionSettings { Device = ExecutionDevice.Dml }));

        Assert.Contains("DirectML is only available on Windows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CudaOnCpuBuild_NamesTheMissingProvider()
    {
        if (OrtInfo.AvailableProviders.Contains("CUDAExecutionProvider"))
        {
            return;
        }

        var error = Assert.Throws<DeviceFailureException>(() =>
            InferenceSession.Open(Relu, "relu.onnx", new SessionSettings { Device = ExecutionDevice.Cuda }));

        Assert.Contains("no CUDAExecutionProvider", error.Message, StringComparison.Ordinal);
    }
}
