using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;
using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime;

/// <summary>A model loaded into ONNX Runtime on one execution device.</summary>
public sealed class InferenceSession : IDisposable
{
    private readonly OrtSessionHandle _session;
    private readonly OrtRunOptionsHandle _runOptions;
    private readonly string _displayName;

    // DirectML sessions must not run concurrently; CPU and CUDA sessions may.
    private readonly Lock? _runLock;

    private InferenceSession(OrtSessionHandle session, SessionDescription description, DevicePlan plan, string displayName)
    {
        _session = session;
        _runOptions = SessionLoader.CreateRunOptions();
        _displayName = displayName;
        Inputs = description.Inputs;
        Outputs = description.Outputs;
        ProducerName = description.ProducerName;
        CustomMetadata = description.CustomMetadata;
        Device = plan.Device;
        DeviceReport = plan.Report;
        _runLock = plan.Device == ExecutionDevice.Dml ? new Lock() : null;
    }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The device the session really runs on: Cpu, Dml or Cuda, never Auto.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>Which device was picked and why, e.g. "auto -> cpu (DirectML is only available on Windows)".</summary>
    public string DeviceReport { get; }

    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    public string? ProducerName { get; }

    public static InferenceSession Open(string modelPath, SessionSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        if (!File.Exists(fullPath))
        {
            throw new OrtException(OrtErrorCode.NoSuchFile, $"Model file {fullPath} does not exist.");
        }

        return Open(settings, fullPath, options => SessionLoader.FromFile(fullPath, options));
    }

    public static InferenceSession Open(byte[] modelBytes, string displayName, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(modelBytes);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        return Open(settings, displayName, options => SessionLoader.FromBytes(modelBytes, displayName, options));
    }

    /// <summary>Runs the model once.</summary>
    /// <param name="inputs">Every model input by name.</param>
    /// <param name="outputNames">Outputs to compute, in the order returned; empty computes all outputs.</param>
    public IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs, IReadOnlyList<string> outputNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        InputValidator.Validate(inputs, Inputs, _displayName);
        var requested = outputNames.Count > 0 ? outputNames : Outputs.Select(o => o.Name).ToList();
        InputValidator.ValidateOutputs(requested, Outputs, _displayName);

        // Holding a reference keeps a concurrent Dispose from freeing the native session mid-run.
        var sessionAdded = false;
        var optionsAdded = false;
        try
        {
            _session.DangerousAddRef(ref sessionAdded);
            _runOptions.DangerousAddRef(ref optionsAdded);
            var session = _session.DangerousGetHandle();
            var runOptions = _runOptions.DangerousGetHandle();
            if (_runLock is null)
            {
                return SessionRunner.Run(session, runOptions, Inputs, inputs, requested, _displayName);
            }

            lock (_runLock)
            {
                return SessionRunner.Run(session, runOptions, Inputs, inputs, requested, _displayName);
            }
        }
        finally
        {
            if (optionsAdded)
            {
                _runOptions.DangerousRelease();
            }

            if (sessionAdded)
            {
                _session.DangerousRelease();
            }
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private static InferenceSession Open(SessionSettings? settings, string displayName, Func<OrtSessionOptionsHandle, OrtSessionHandle> load)
    {
        settings ??= new SessionSettings();
        SessionOptionsFactory.Validate(settings);
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
        DevicePlan plan, SessionSettings settings, string displayName, Func<OrtSessionOptionsHandle, OrtSessionHandle> load)
    {
        using var options = SessionOptionsFactory.Create(settings, plan);
        var session = load(options);
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
