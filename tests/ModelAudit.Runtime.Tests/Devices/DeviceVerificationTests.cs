using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;
using ModelAudit.Runtime.Tests.Models;

namespace ModelAudit.Runtime.Tests.Devices;

/// <summary>
/// Fallback and CPU verification of accelerator sessions, through fake devices (no GPU here): a device that
/// fails to attach, one that fails mid-run and one that returns wrong numbers. The CPU side is real ORT.
/// </summary>
[Collection(DeviceLogCollection.Name)]
public sealed class DeviceVerificationTests
{
    // logits = x . W with W = [[1, 0], [0, 1], [1, 1]]: for x = [1, 2, 3] the logits are [4, 5], top class 1.
    private static readonly byte[] Linear = new TinyModel().Input("x", 1, 3).Output("logits", 1, 2)
        .Initializer("w", [1, 0, 0, 1, 1, 1], 3, 2)
        .Node("MatMul", ["x", "w"], ["logits"]).Build();

    private static readonly Dictionary<string, FloatTensor> Input = new() { ["x"] = new([1, 2, 3], 1, 3) };

    private static readonly DevicePlan AutoPicksDml = DevicePlanner.Plan(ExecutionDevice.Auto, HostOs.Windows, ["DmlExecutionProvider", "CPUExecutionProvider"]);

    private static readonly DevicePlan ExplicitDml = DevicePlanner.Plan(ExecutionDevice.Dml, HostOs.Windows, ["DmlExecutionProvider", "CPUExecutionProvider"]);

    [Fact]
    public void Open_AutoAndAcceleratorFailsToAttach_RunsOnCpuWithAWarning()
    {
        using var warnings = new WarningCapture();
        using var session = Open(FakeAccelerator.FailsToAttach(), new CountingCpu(), AutoPicksDml);

        var logits = session.Run(Input, ["logits"])[0];

        Assert.Equal(new float[] { 4, 5 }, logits.Data);
        Assert.Equal(ExecutionDevice.Cpu, session.Device);
        Assert.StartsWith("auto -> cpu (dml failed: ", session.DeviceReport, StringComparison.Ordinal);
        var warning = Assert.Single(warnings.Lines);
        Assert.Contains("DirectML failed while loading linear.onnx; running on the CPU", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ExplicitDmlFailsToAttach_DeviceFailureNotABadModel()
    {
        var error = Assert.Throws<DeviceFailureException>(() => Open(FakeAccelerator.FailsToAttach(), new CountingCpu(), ExplicitDml));

        Assert.StartsWith("DirectML failed while loading linear.onnx: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("DMLCreateDevice failed", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; run with --device cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ExplicitDmlAndAModelTheCpuRejectsToo_TheModelsErrorNotTheDevices()
    {
        var corrupt = "not a model"u8.ToArray();

        var error = Assert.Throws<OrtException>(() =>
            InferenceSession.Open(ModelSource.FromBytes(corrupt, "corrupt.onnx"), Cpu, ExplicitDml, Devices(FakeAccelerator.FailsToAttach(), new CountingCpu())));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.Code);
    }

    [Fact]
    public void Run_AutoAndDeviceFailsMidRun_CpuResultAndTheSessionStaysOnCpu()
    {
        using var warnings = new WarningCapture();
        var device = FakeAccelerator.FailsWhileRunning(run: 2);
        using var session = Open(device, new CountingCpu(), AutoPicksDml);
        Assert.Equal(new float[] { 4, 5 }, session.Run(Input, ["logits"])[0].Data);

        var second = session.Run(Input, ["logits"])[0];
        var third = session.Run(Input, ["logits"])[0];

        Assert.Equal(new float[] { 4, 5 }, second.Data);
        Assert.Equal(new float[] { 4, 5 }, third.Data);
        Assert.Equal(2, device.Runs);
        Assert.Equal(ExecutionDevice.Cpu, session.Device);
        var warning = Assert.Single(warnings.Lines);
        Assert.Contains("DirectML failed while running Mul node 'p2o.Mul.0' of linear.onnx; continuing on the CPU", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExplicitDmlFailsMidRun_DeviceFailureNamingTheNodeAndTheFix()
    {
        using var session = Open(FakeAccelerator.FailsWhileRunning(), new CountingCpu(), ExplicitDml);

        var error = Assert.Throws<DeviceFailureException>(() => session.Run(Input, ["logits"]));

        Assert.StartsWith("DirectML failed while running Mul node 'p2o.Mul.0' of linear.onnx: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; run with --device cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExplicitDmlFailsOnInputsTheCpuRejectsToo_TheInputErrorNotTheDevices()
    {
        // y = x + b with b of shape [2, 3]: a batch of 3 cannot broadcast, on any device.
        var add = new TinyModel().Input("x", "n", 3).Output("y", "n", 3).Initializer("b", [1, 2, 3, 4, 5, 6], 2, 3)
            .Node("Add", ["x", "b"], ["y"]).Build();
        using var session = InferenceSession.Open(
            ModelSource.FromBytes(add, "add.onnx"), Cpu, ExplicitDml, Devices(FakeAccelerator.FailsWhileRunning(), new CountingCpu()));

        var error = Assert.Throws<OrtException>(() => session.Run(new Dictionary<string, FloatTensor> { ["x"] = new(new float[9], 3, 3) }, ["y"]));

        Assert.Contains("Add", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DeviceReturnsWrongNumbers_MismatchMA1004NamingTheDeviceAndTheFix()
    {
        using var session = Open(FakeAccelerator.WrongNumbers(t => new FloatTensor(t.Data.Select(v => -v).ToArray(), t.Shape)), new CountingCpu(), AutoPicksDml);

        var error = Assert.Throws<DeviceMismatchException>(() => session.Run(Input, ["logits"]));

        Assert.Equal("MA1004", DeviceMismatchException.Code);
        Assert.StartsWith("DirectML gives different results from the CPU for linear.onnx (output 'logits': cosine similarity -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("run with --device cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DeviceSwapsTheTopClassAtHighCosine_Mismatch()
    {
        // x = [1, 1.001, 0] gives logits [1, 1.001]; the device swaps them: cosine 0.9999995 passes, the top class does not.
        using var session = Open(
            FakeAccelerator.WrongNumbers(t => new FloatTensor([t.Data[1], t.Data[0]], t.Shape)), new CountingCpu(), AutoPicksDml);
        var nearTie = new Dictionary<string, FloatTensor> { ["x"] = new([1, 1.001f, 0], 1, 3) };

        var error = Assert.Throws<DeviceMismatchException>(() => session.Run(nearTie, ["logits"]));

        Assert.Contains("top class 0 instead of 1 in row 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongNumbersWithVerificationOff_DeviceNumbersPassThrough()
    {
        using var session = Open(
            FakeAccelerator.WrongNumbers(t => new FloatTensor(t.Data.Select(v => -v).ToArray(), t.Shape)), new CountingCpu(), AutoPicksDml,
            Cpu with { VerifyDevice = false });

        Assert.Equal(new float[] { -4, -5 }, session.Run(Input, ["logits"])[0].Data);
    }

    [Fact]
    public void Run_HonestDevice_OnlyTheFirstRunIsCheckedOnTheCpu()
    {
        var cpu = new CountingCpu();
        var device = FakeAccelerator.Honest();
        using var session = Open(device, cpu, ExplicitDml);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new float[] { 4, 5 }, session.Run(Input, ["logits"])[0].Data);
        }

        Assert.Equal(1, cpu.Opened);
        Assert.Equal(3, device.Runs);
        Assert.Equal(ExecutionDevice.Dml, session.Device);
    }

    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private static InferenceSession Open(FakeAccelerator accelerator, CountingCpu cpu, DevicePlan plan, SessionSettings? settings = null) =>
        InferenceSession.Open(ModelSource.FromBytes(Linear, "linear.onnx"), settings ?? Cpu, plan, Devices(accelerator, cpu));

    private static Func<ExecutionDevice, ISessionDevice> Devices(ISessionDevice accelerator, ISessionDevice cpu) =>
        device => device == ExecutionDevice.Cpu ? cpu : accelerator;
}

/// <summary>Captures DeviceLog warnings for one test and restores the previous sink.</summary>
internal sealed class WarningCapture : IDisposable
{
    private readonly Action<string> previous = DeviceLog.Warning;

    public WarningCapture() => DeviceLog.Warning = Add;

    public List<string> Lines { get; } = [];

    public void Dispose() => DeviceLog.Warning = previous;

    private void Add(string line)
    {
        lock (Lines)
        {
            Lines.Add(line);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeviceLogCollection
{
    public const string Name = "DeviceLog";
}
