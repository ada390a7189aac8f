using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Tests.Devices;

public class DevicePlannerTests
{
    private static readonly string[] CpuOnly = ["CPUExecutionProvider"];
    private static readonly string[] WithDml = ["DmlExecutionProvider", "CPUExecutionProvider"];
    private static readonly string[] WithCuda = ["CUDAExecutionProvider", "CPUExecutionProvider"];

    // HostOs is internal, so theories take its name.
    public static TheoryData<string> AllOs => new() { nameof(HostOs.Windows), nameof(HostOs.Linux), nameof(HostOs.MacOs), nameof(HostOs.Other) };

    [Theory]
    [MemberData(nameof(AllOs))]
    public void Plan_Cpu_IsCpuEverywhere(string osName)
    {
        var os = Enum.Parse<HostOs>(osName);
        var plan = DevicePlanner.Plan(ExecutionDevice.Cpu, os, WithDml);

        Assert.Equal(new DevicePlan(ExecutionDevice.Cpu, "cpu", FallBackToCpu: false), plan);
    }

    [Fact]
    public void Plan_AutoOnWindowsWithDml_PicksDmlAndMayFallBack()
    {
        var plan = DevicePlanner.Plan(ExecutionDevice.Auto, HostOs.Windows, WithDml);

        Assert.Equal(ExecutionDevice.Dml, plan.Device);
        Assert.True(plan.FallBackToCpu);
        Assert.Equal("auto -> dml (DirectML provider available)", plan.Report);
    }

    [Fact]
    public void Plan_AutoOnWindowsWithoutDml_PicksCpuNamingTheMissingProvider()
    {
        var plan = DevicePlanner.Plan(ExecutionDevice.Auto, HostOs.Windows, CpuOnly);

        Assert.Equal(ExecutionDevice.Cpu, plan.Device);
        Assert.Equal("auto -> cpu (this ONNX Runtime build has no DmlExecutionProvider)", plan.Report);
    }

    [Theory]
    [InlineData(nameof(HostOs.Linux))]
    [InlineData(nameof(HostOs.MacOs))]
    [InlineData(nameof(HostOs.Other))]
    public void Plan_AutoOffWindows_PicksCpuEvenWithAcceleratorsListed(string osName)
    {
        var os = Enum.Parse<HostOs>(osName);
        var plan = DevicePlanner.Plan(ExecutionDevice.Auto, os, ["DmlExecutionProvider", "CUDAExecutionProvider"]);

        Assert.Equal(ExecutionDevice.Cpu, plan.Device);
        Assert.False(plan.FallBackToCpu);
        Assert.Equal("auto -> cpu (DirectML is only available on Windows)", plan.Report);
    }

    [Fact]
    public void Plan_DmlOnWindowsWithDml_IsDmlWithoutFallback()
    {
        var plan = DevicePlanner.Plan(ExecutionDevice.Dml, HostOs.Windows, WithDml);

        Assert.Equal(new DevicePlan(ExecutionDevice.Dml, "dml", FallBackToCpu: false), plan);
    }

    [Fact]
    public void Plan_DmlOnWindowsWithoutDml_ThrowsNamingAvailableProviders()
    {
        var error = Assert.Throws<DeviceFailureException>(() => DevicePlanner.Plan(ExecutionDevice.Dml, HostOs.Windows, CpuOnly));

        Assert.Contains("no DmlExecutionProvider (available: CPUExecutionProvider)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(HostOs.Linux))]
    [InlineData(nameof(HostOs.MacOs))]
    [InlineData(nameof(HostOs.Other))]
    public void Plan_DmlOffWindows_ThrowsWindowsOnly(string osName)
    {
        var os = Enum.Parse<HostOs>(osName);
        var error = Assert.Throws<DeviceFailureException>(() => DevicePlanner.Plan(ExecutionDevice.Dml, os, WithDml));

        Assert.Contains("DirectML is only available on Windows", error.Message, StringComparison.Ordinal);
        Assert.Contains($"this is {os}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllOs))]
    public void Plan_CudaWithCudaProvider_IsCuda(string osName)
    {
        var os = Enum.Parse<HostOs>(osName);
        var plan = DevicePlanner.Plan(ExecutionDevice.Cuda, os, WithCuda);

        Assert.Equal(new DevicePlan(ExecutionDevice.Cuda, "cuda", FallBackToCpu: false), plan);
    }

    [Theory]
    [MemberData(nameof(AllOs))]
    public void Plan_CudaWithoutCudaProvider_Throws(string osName)
    {
        var os = Enum.Parse<HostOs>(osName);
        var error = Assert.Throws<DeviceFailureException>(() => DevicePlanner.Plan(ExecutionDevice.Cuda, os, WithDml));

        Assert.Contains("no CUDAExecutionProvider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FallBack_FromAutoDml_IsCpuWithTheReason()
    {
        var dml = DevicePlanner.Plan(ExecutionDevice.Auto, HostOs.Windows, WithDml);

        var cpu = DevicePlanner.FallBack(dml, "no adapter");

        Assert.Equal(new DevicePlan(ExecutionDevice.Cpu, "auto -> cpu (dml failed: no adapter)", FallBackToCpu: false), cpu);
    }
}
