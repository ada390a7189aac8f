using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Sessions;
using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests.Devices;

/// <summary>doctor's per-device check: the device is created and run and compared, never read off the provider list.</summary>
public sealed class DeviceCheckTests
{
    private static readonly ModelSource Linear = ModelSource.FromBytes(
        new TinyModel().Input("x", 1, 3).Output("logits", 1, 2).Initializer("w", [1, 0, 0, 1, 1, 1], 3, 2)
            .Node("MatMul", ["x", "w"], ["logits"]).Build(),
        "check.onnx");

    private static readonly Dictionary<string, FloatTensor> Input = new() { ["x"] = new([1, 2, 3], 1, 3) };

    public static TheoryData<string, string, string> Cases => new()
    {
        { "honest", nameof(DeviceStatus.Works), "ok" },
        { "attach", nameof(DeviceStatus.Fails), "cannot create a session: Attaching DirectML" },
        { "run", nameof(DeviceStatus.Fails), "fails while running Mul node 'p2o.Mul.0'" },
        { "wrong", nameof(DeviceStatus.Differs), "output 'logits': cosine similarity -1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_EachKindOfAccelerator_ReportedForWhatItDid(string kind, string status, string message)
    {
        var accelerator = kind switch
        {
            "honest" => FakeAccelerator.Honest(),
            "attach" => FakeAccelerator.FailsToAttach(),
            "run" => FakeAccelerator.FailsWhileRunning(),
            _ => FakeAccelerator.WrongNumbers(t => new FloatTensor(t.Data.Select(v => -v).ToArray(), t.Shape)),
        };

        var results = Check([(ExecutionDevice.Cpu, null), (ExecutionDevice.Dml, null)], accelerator);

        Assert.Equal(new DeviceCheckResult(ExecutionDevice.Cpu, DeviceStatus.Works, "ok"), results[0]);
        Assert.Equal(ExecutionDevice.Dml, results[1].Device);
        Assert.Equal(Enum.Parse<DeviceStatus>(status), results[1].Status);
        Assert.Contains(message, results[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DeviceNotOffered_UnavailableWithTheReasonAndNeverOpened()
    {
        var accelerator = FakeAccelerator.Honest();

        var results = Check([(ExecutionDevice.Cpu, null), (ExecutionDevice.Dml, "DirectML is only available on Windows")], accelerator);

        Assert.Equal(new DeviceCheckResult(ExecutionDevice.Dml, DeviceStatus.Unavailable, "DirectML is only available on Windows"), results[1]);
        Assert.Equal(0, accelerator.Opened);
    }

    [Fact]
    public void Run_RealCpuOnThisMachine_Works()
    {
        var results = DeviceCheck.Run(
            new TinyModel().Input("x", 2).Output("y", 2).Node("Relu", ["x"], ["y"]).Build(),
            new Dictionary<string, FloatTensor> { ["x"] = new([-1, 1], 2) });

        Assert.Equal(DeviceStatus.Works, results.Single(r => r.Device == ExecutionDevice.Cpu).Status);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(DeviceStatus.Unavailable, results.Single(r => r.Device == ExecutionDevice.Dml).Status);
        }
    }

    private static IReadOnlyList<DeviceCheckResult> Check(IReadOnlyList<(ExecutionDevice, string?)> candidates, FakeAccelerator accelerator) =>
        DeviceCheck.Run(Linear, Input, new SessionSettings(), candidates, d => d == ExecutionDevice.Cpu ? new CountingCpu() : accelerator);
}
