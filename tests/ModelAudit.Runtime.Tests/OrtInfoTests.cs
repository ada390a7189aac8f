namespace ModelAudit.Runtime.Tests;

public class OrtInfoTests
{
    [Fact]
    public void Version_LoadedNpmLibrary_Is1_30_0()
    {
        Assert.Equal("1.30.0", OrtInfo.Version);
    }

    [Fact]
    public void LibraryPath_AfterBuild_IsTheRidFolderBesideTheTests()
    {
        var expected = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so");
        Assert.Equal(Path.GetFullPath(expected), Path.GetFullPath(OrtInfo.LibraryPath));
    }

    [Fact]
    public void AvailableProviders_CpuBuild_ContainsCpuProvider()
    {
        Assert.Contains("CPUExecutionProvider", OrtInfo.AvailableProviders);
    }

    [Fact]
    public void AutoDeviceReport_OnLinux_SaysCpuAndWhy()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.Equal("auto -> cpu (DirectML is only available on Windows)", OrtInfo.AutoDeviceReport);
    }
}
