using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Gradients;

/// <summary>The device a report names comes from a session that really ran, not from one opened to ask.</summary>
public sealed class PreparedModelDeviceTests : IDisposable
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void DeviceReport_AfterAGradientRun_IsTheGradientSessionsWithoutOpeningThePlainOne()
    {
        using var prepared = Open();
        var image = new FloatTensor(new float[3 * ShortcutFixture.Side * ShortcutFixture.Side], 1, 3, ShortcutFixture.Side, ShortcutFixture.Side);
        prepared.Gradients.Run(image, "logits", ["features_relu"], GradientSeed.TopClass);

        var report = prepared.DeviceReport;

        Assert.False(prepared.Runner.SessionOpened);
        // Opening the plain session now, with the same settings, must name the same device.
        Assert.Equal(prepared.Runner.Session.DeviceReport, report);
    }

    [Fact]
    public void DeviceReport_NothingRunYet_OpensThePlainSession()
    {
        using var prepared = Open();

        var report = prepared.DeviceReport;

        Assert.True(prepared.Runner.SessionOpened);
        Assert.Equal(prepared.Runner.Session.DeviceReport, report);
    }

    private PreparedModel Open()
    {
        var path = temp.File("model.onnx");
        ShortcutFixture.WriteModel(path, shortcut: false);
        return PreparedModel.Open(path, PreprocessOverrides.None, Cpu);
    }
}
