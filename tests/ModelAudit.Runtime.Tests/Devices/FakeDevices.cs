using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime.Tests.Devices;

/// <summary>
/// Accelerators that misbehave the ways real drivers do, built on a real CPU session so the "right" numbers
/// are ONNX Runtime's own: one that cannot attach, one that fails while running, one that returns wrong numbers.
/// </summary>
internal sealed class FakeAccelerator : ISessionDevice
{
    public const string RunFailure =
        "Running m.onnx: Non-zero status code returned while running Mul node. Name:'p2o.Mul.0' Status Message: 80070057 Invalid parameter [ONNX Runtime Fail]";

    private FakeAccelerator(ExecutionDevice device, bool failAttach, int failRunFrom, Func<FloatTensor, FloatTensor>? distort)
    {
        Device = device;
        FailAttach = failAttach;
        FailRunFrom = failRunFrom;
        Distort = distort;
    }

    public ExecutionDevice Device { get; }

    public int Opened { get; private set; }

    public int Runs { get; set; }

    private bool FailAttach { get; }

    private int FailRunFrom { get; }

    private Func<FloatTensor, FloatTensor>? Distort { get; }

    public static FakeAccelerator Honest() => new(ExecutionDevice.Dml, false, int.MaxValue, null);

    public static FakeAccelerator FailsToAttach() => new(ExecutionDevice.Dml, true, int.MaxValue, null);

    /// <summary>Fails from run number <paramref name="run"/> on (1 = the first run).</summary>
    public static FakeAccelerator FailsWhileRunning(int run = 1) => new(ExecutionDevice.Dml, false, run, null);

    public static FakeAccelerator WrongNumbers(Func<FloatTensor, FloatTensor> distort) => new(ExecutionDevice.Dml, false, int.MaxValue, distort);

    public ISessionCore Open(ModelSource model, SessionSettings settings)
    {
        if (FailAttach)
        {
            throw new OrtException(OrtErrorCode.EpFail, "Attaching DirectML (device_id 0): DMLCreateDevice failed: 887A0004 [ONNX Runtime EpFail]");
        }

        Opened++;
        return new Core(this, OrtSessionDevice.For(ExecutionDevice.Cpu).Open(model, settings with { Device = ExecutionDevice.Cpu }));
    }

    private sealed class Core(FakeAccelerator owner, ISessionCore real) : ISessionCore
    {
        public SessionDescription Description => real.Description;

        public IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames)
        {
            owner.Runs++;
            if (owner.Runs >= owner.FailRunFrom)
            {
                throw new OrtException(OrtErrorCode.Fail, RunFailure);
            }

            var outputs = real.Run(inputs, outputNames);
            return owner.Distort is null ? outputs : outputs.Select(owner.Distort).ToList();
        }

        public void Dispose() => real.Dispose();
    }
}

/// <summary>The real CPU device, counting how often it is asked for a session (the reference run opens one).</summary>
internal sealed class CountingCpu : ISessionDevice
{
    public ExecutionDevice Device => ExecutionDevice.Cpu;

    public int Opened { get; private set; }

    public ISessionCore Open(ModelSource model, SessionSettings settings)
    {
        Opened++;
        return OrtSessionDevice.For(ExecutionDevice.Cpu).Open(model, settings with { Device = ExecutionDevice.Cpu });
    }
}
