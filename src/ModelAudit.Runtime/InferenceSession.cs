using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime;

/// <summary>
/// A model loaded into ONNX Runtime on one execution device. On an accelerator it cannot lie: the first run is
/// repeated on the CPU and compared (<see cref="SessionSettings.VerifyDevice"/>), a device that fails under
/// <c>auto</c> gives way to the CPU with a warning, and one asked for by name reports its failure as its own.
/// </summary>
public sealed class InferenceSession : IDisposable
{
    private readonly ModelSource source;
    private readonly SessionSettings settings;
    private readonly Func<ExecutionDevice, ISessionDevice> deviceFor;

    // Runs hold the read side so Dispose (the write side) never frees the native session mid-run.
    // Accelerator sessions take the write side: DirectML must not run concurrently, and a fallback swaps the core.
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.SupportsRecursion);
    private ISessionCore core;
    private DevicePlan plan;
    private bool verified;
    private Ort.OrtMemoryInfo? outputMemory;
    private bool disposed;

    private InferenceSession(
        ISessionCore core, DevicePlan plan, ModelSource source, SessionSettings settings, Func<ExecutionDevice, ISessionDevice> deviceFor)
    {
        this.core = core;
        this.plan = plan;
        this.source = source;
        this.settings = settings;
        this.deviceFor = deviceFor;
        var description = core.Description;
        Inputs = description.Inputs;
        Outputs = description.Outputs;
        ProducerName = description.ProducerName;
        CustomMetadata = description.CustomMetadata;
    }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The device the session really runs on: Cpu, Dml or Cuda, never Auto (Cpu after an auto fallback).</summary>
    public ExecutionDevice Device => plan.Device;

    /// <summary>Which device was picked and why, e.g. "auto -> cpu (DirectML is only available on Windows)".</summary>
    public string DeviceReport => plan.Report;

    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    public string? ProducerName { get; }

    /// <summary>The model's file or display name, as errors name it.</summary>
    public string DisplayName => source.DisplayName;

    /// <summary>Where outputs bound with <see cref="SessionBinding.BindOutputOnDevice"/> live.</summary>
    internal Ort.OrtMemoryInfo OutputMemory => outputMemory ??= Device switch
    {
        ExecutionDevice.Dml => new Ort.OrtMemoryInfo("DML", Ort.OrtAllocatorType.DeviceAllocator, settings.DeviceId, Ort.OrtMemType.Default),
        ExecutionDevice.Cuda => new Ort.OrtMemoryInfo("Cuda", Ort.OrtAllocatorType.DeviceAllocator, settings.DeviceId, Ort.OrtMemType.Default),
        _ => Ort.OrtMemoryInfo.DefaultInstance,
    };

    public static InferenceSession Open(string modelPath, SessionSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new OrtException(OrtErrorCode.NoSuchFile, $"Model file {fullPath} does not exist.");
        }

        return Open(ModelSource.FromFile(fullPath), settings);
    }

    public static InferenceSession Open(byte[] modelBytes, string displayName, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(modelBytes);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        return Open(ModelSource.FromBytes(modelBytes, displayName), settings);
    }

    /// <summary>Runs the model once and copies the outputs into managed tensors.</summary>
    /// <param name="inputs">Every model input by name.</param>
    /// <param name="outputNames">Outputs to compute, in the order returned; empty computes all outputs.</param>
    public IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        InputValidator.Validate(inputs, Inputs, DisplayName);
        var requested = Requested(outputNames);
        return Guarded(() => plan.Device == ExecutionDevice.Cpu ? core.Run(inputs, requested) : RunOnAccelerator(inputs, requested));
    }

    /// <summary>
    /// Runs the model on ONNX Runtime values and returns its own output values: nothing is copied, so outputs
    /// can feed another session or be read in place. The caller disposes the result. On an accelerator the
    /// first run of the session goes through <see cref="Run"/>'s CPU check first (inputs copied once).
    /// </summary>
    public SessionValues RunValues(IReadOnlyDictionary<string, Ort.OrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        InputValidator.ValidateNames(inputs.Keys, Inputs, DisplayName);
        var requested = Requested(outputNames);
        if (NeedsCheck)
        {
            _ = Run(inputs.ToDictionary(p => p.Key, p => TensorValues.Read(p.Value, p.Key, DisplayName), StringComparer.Ordinal), requested);
        }

        return Guarded(() =>
        {
            var ort = OrtCore;
            return SessionRunner.RunValues(ort.Session, ort.RunOptions, inputs, requested, DisplayName);
        });
    }

    /// <summary>Starts an IO binding on this session (see <see cref="SessionBinding"/>); bound runs are not CPU-checked.</summary>
    public SessionBinding CreateBinding() =>
        Guarded(() => new SessionBinding(this, OrtCalls.Guard($"Creating an IO binding for {DisplayName}", OrtCore.Session.CreateIoBinding)));

    internal SessionValues RunBinding(Ort.OrtIoBinding binding, IReadOnlyList<string> outputNames) => Guarded(() =>
    {
        var ort = OrtCore;
        return new SessionValues(outputNames, OrtCalls.Guard($"Running {DisplayName}", () => ort.Session.RunWithBoundResults(ort.RunOptions, binding)), DisplayName);
    });

    public void Dispose()
    {
        gate.EnterWriteLock();
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            core.Dispose();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Opens through the given devices: the seam tests use to fake accelerators.</summary>
    internal static InferenceSession Open(ModelSource source, SessionSettings? settings, DevicePlan plan, Func<ExecutionDevice, ISessionDevice> deviceFor)
    {
        settings ??= new SessionSettings();
        SessionOptionsFactory.Validate(settings);
        if (plan.Device == ExecutionDevice.Cpu)
        {
            return new InferenceSession(deviceFor(ExecutionDevice.Cpu).Open(source, settings), plan, source, settings, deviceFor);
        }

        try
        {
            return new InferenceSession(deviceFor(plan.Device).Open(source, settings), plan, source, settings, deviceFor);
        }
        catch (OrtException e)
        {
            // The CPU decides whose fault it is: a model the CPU cannot load either is a bad model.
            var cpu = deviceFor(ExecutionDevice.Cpu).Open(source, settings);
            if (!plan.FallBackToCpu)
            {
                cpu.Dispose();
                throw DeviceFailures.WhileLoading(plan.Device, source.DisplayName, e);
            }

            var fallback = DevicePlanner.FallBack(plan, e.Message);
            DeviceLog.Warning($"{DeviceFailures.DeviceName(plan.Device)} failed while loading {source.DisplayName}; running on the CPU. {e.Message}");
            return new InferenceSession(cpu, fallback, source, settings, deviceFor);
        }
    }

    private static InferenceSession Open(ModelSource source, SessionSettings? settings)
    {
        settings ??= new SessionSettings();
        SessionOptionsFactory.Validate(settings);
        OrtEnvironment.Ensure();
        var plan = DevicePlanner.Plan(settings.Device, HostOsDetector.Current, OrtProviders.Available.ToList());
        return Open(source, settings, plan, OrtSessionDevice.For);
    }

    private bool NeedsCheck => plan.Device != ExecutionDevice.Cpu && settings.VerifyDevice && !verified;

    private OrtSessionCore OrtCore => core as OrtSessionCore
        ?? throw new NotSupportedException($"{DisplayName}: OrtValue runs need an ONNX Runtime session.");

    private IReadOnlyList<FloatTensor> RunOnAccelerator(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames)
    {
        IReadOnlyList<FloatTensor> result;
        try
        {
            result = core.Run(inputs, outputNames);
        }
        catch (OrtException e)
        {
            return AfterRunFailure(e, inputs, outputNames);
        }

        if (NeedsCheck)
        {
            using var cpu = deviceFor(ExecutionDevice.Cpu).Open(source, settings);
            var reference = cpu.Run(inputs, outputNames);
            var difference = DeviceComparison.Compare(outputNames, result, reference);
            if (difference is not null)
            {
                throw DeviceFailures.Mismatch(plan.Device, DisplayName, difference);
            }

            verified = true;
        }

        return result;
    }

    private IReadOnlyList<FloatTensor> AfterRunFailure(OrtException e, IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames)
    {
        // Inputs the CPU rejects too are the caller's or the model's problem: that error is the one to report.
        var cpu = deviceFor(ExecutionDevice.Cpu).Open(source, settings);
        IReadOnlyList<FloatTensor> result;
        try
        {
            result = cpu.Run(inputs, outputNames);
        }
        catch
        {
            cpu.Dispose();
            throw;
        }

        if (!plan.FallBackToCpu)
        {
            cpu.Dispose();
            throw DeviceFailures.WhileRunning(plan.Device, DisplayName, e);
        }

        DeviceLog.Warning(
            $"{DeviceFailures.DeviceName(plan.Device)} failed while running {DeviceFailures.Node(e.Message)} of {DisplayName}; "
            + $"continuing on the CPU. {e.Message}");
        core.Dispose();
        core = cpu;
        plan = DevicePlanner.FallBack(plan, e.Message);
        outputMemory = null;
        return result;
    }

    private IReadOnlyList<string> Requested(IReadOnlyList<string> outputNames)
    {
        var requested = outputNames.Count > 0 ? outputNames : Outputs.Select(o => o.Name).ToList();
        InputValidator.ValidateOutputs(requested, Outputs, DisplayName);
        return requested;
    }

    private T Guarded<T>(Func<T> run)
    {
        var exclusive = plan.Device != ExecutionDevice.Cpu;
        if (exclusive)
        {
            gate.EnterWriteLock();
        }
        else
        {
            gate.EnterReadLock();
        }

        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return run();
        }
        finally
        {
            if (exclusive)
            {
                gate.ExitWriteLock();
            }
            else
            {
                gate.ExitReadLock();
            }
        }
    }
}
