using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime;

/// <summary>A model loaded into ONNX Runtime on one execution device.</summary>
public sealed class InferenceSession : IDisposable
{
    private readonly Ort.InferenceSession session;
    private readonly Ort.RunOptions runOptions;

    // Runs hold the read side so Dispose (the write side) never frees the native session mid-run.
    // DirectML sessions also must not run concurrently: they take the write side to run.
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.SupportsRecursion);
    private Ort.OrtMemoryInfo? outputMemory;
    private bool disposed;

    private InferenceSession(Ort.InferenceSession session, SessionDescription description, DevicePlan plan, string displayName)
    {
        this.session = session;
        runOptions = new Ort.RunOptions();
        DisplayName = displayName;
        Inputs = description.Inputs;
        Outputs = description.Outputs;
        ProducerName = description.ProducerName;
        CustomMetadata = description.CustomMetadata;
        Device = plan.Device;
        DeviceReport = plan.Report;
    }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The device the session really runs on: Cpu, Dml or Cuda, never Auto.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>Which device was picked and why, e.g. "auto -> cpu (DirectML is only available on Windows)".</summary>
    public string DeviceReport { get; }

    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    public string? ProducerName { get; }

    /// <summary>The model's file or display name, as errors name it.</summary>
    public string DisplayName { get; }

    /// <summary>Where outputs bound with <see cref="SessionBinding.BindOutputOnDevice"/> live.</summary>
    internal Ort.OrtMemoryInfo OutputMemory => outputMemory ??= Device switch
    {
        ExecutionDevice.Dml => new Ort.OrtMemoryInfo("DML", Ort.OrtAllocatorType.DeviceAllocator, 0, Ort.OrtMemType.Default),
        ExecutionDevice.Cuda => new Ort.OrtMemoryInfo("Cuda", Ort.OrtAllocatorType.DeviceAllocator, 0, Ort.OrtMemType.Default),
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

        return Open(settings, fullPath, options => new Ort.InferenceSession(fullPath, options));
    }

    public static InferenceSession Open(byte[] modelBytes, string displayName, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(modelBytes);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        return Open(settings, displayName, options => new Ort.InferenceSession(modelBytes, options));
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
        using var values = Guarded(() => SessionRunner.Run(session, runOptions, Inputs, inputs, requested, DisplayName));
        return values.ReadAll();
    }

    /// <summary>
    /// Runs the model on ONNX Runtime values and returns its own output values: nothing is copied, so outputs
    /// can feed another session or be read in place. The caller disposes the result.
    /// </summary>
    public SessionValues RunValues(IReadOnlyDictionary<string, Ort.OrtValue> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        InputValidator.ValidateNames(inputs.Keys, Inputs, DisplayName);
        var requested = Requested(outputNames);
        return Guarded(() => SessionRunner.RunValues(session, runOptions, inputs, requested, DisplayName));
    }

    /// <summary>Starts an IO binding on this session (see <see cref="SessionBinding"/>).</summary>
    public SessionBinding CreateBinding() =>
        Guarded(() => new SessionBinding(this, OrtCalls.Guard($"Creating an IO binding for {DisplayName}", session.CreateIoBinding)));

    internal SessionValues RunBinding(Ort.OrtIoBinding binding, IReadOnlyList<string> outputNames) => Guarded(() =>
        new SessionValues(outputNames, OrtCalls.Guard($"Running {DisplayName}", () => session.RunWithBoundResults(runOptions, binding)), DisplayName));

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
            runOptions.Dispose();
            session.Dispose();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    private IReadOnlyList<string> Requested(IReadOnlyList<string> outputNames)
    {
        var requested = outputNames.Count > 0 ? outputNames : Outputs.Select(o => o.Name).ToList();
        InputValidator.ValidateOutputs(requested, Outputs, DisplayName);
        return requested;
    }

    private T Guarded<T>(Func<T> run)
    {
        var exclusive = Device == ExecutionDevice.Dml;
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

    private static InferenceSession Open(SessionSettings? settings, string displayName, Func<Ort.SessionOptions, Ort.InferenceSession> load)
    {
        settings ??= new SessionSettings();
        SessionOptionsFactory.Validate(settings);
        OrtEnvironment.Ensure();
        var plan = DevicePlanner.Plan(settings.Device, HostOsDetector.Current, OrtProviders.Available.ToList());
        try
        {
            return OpenOn(plan, settings, displayName, load);
        }
        catch (OrtException e) when (plan.FallBackToCpu)
        {
            return OpenOn(DevicePlanner.FallBack(plan, e.Message), settings, displayName, load);
        }
    }

    private static InferenceSession OpenOn(
        DevicePlan plan, SessionSettings settings, string displayName, Func<Ort.SessionOptions, Ort.InferenceSession> load)
    {
        using var options = SessionOptionsFactory.Create(settings, plan);
        var session = OrtCalls.Guard($"Loading model {displayName}", () => load(options));
        try
        {
            return new InferenceSession(session, SessionDescriber.Describe(session, displayName), plan, displayName);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
