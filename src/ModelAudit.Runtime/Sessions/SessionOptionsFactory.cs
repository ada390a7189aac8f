using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;
using Ort = Microsoft.ML.OnnxRuntime;

namespace ModelAudit.Runtime.Sessions;

/// <summary>Turns <see cref="SessionSettings"/> and a device plan into ONNX Runtime session options.</summary>
internal static class SessionOptionsFactory
{
    public static Ort.SessionOptions Create(SessionSettings settings, ExecutionDevice device)
    {
        // The environment (with our logger) must exist before any option: ORT's default one logs to stderr.
        OrtEnvironment.Ensure();
        var options = OrtCalls.Guard("Creating session options", () => new Ort.SessionOptions());
        try
        {
            OrtCalls.Guard("Setting session options", () =>
            {
                options.LogSeverityLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING;
                options.GraphOptimizationLevel = settings.OptimizeGraph
                    ? Ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                    : Ort.GraphOptimizationLevel.ORT_DISABLE_ALL;
                if (settings.IntraOpThreads > 0)
                {
                    options.IntraOpNumThreads = settings.IntraOpThreads;
                }

                if (settings.OptimizedModelPath is { Length: > 0 } optimized)
                {
                    options.OptimizedModelFilePath = Path.GetFullPath(optimized);
                }
            });

            if (!settings.AllowSpinning)
            {
                AddConfigEntry(options, "session.intra_op.allow_spinning", "0");
                AddConfigEntry(options, "session.inter_op.allow_spinning", "0");
            }

            foreach (var (key, value) in settings.ConfigEntries)
            {
                AddConfigEntry(options, key, value);
            }

            foreach (var (name, value) in settings.FreeDimensionOverrides)
            {
                OrtCalls.Guard($"Overriding free dimension '{name}' = {value}", () => options.AddFreeDimensionOverrideByName(name, value));
            }

            ExecutionProviderAppender.Append(options, device, settings.DeviceId);
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AddConfigEntry(Ort.SessionOptions options, string key, string value) =>
        OrtCalls.Guard($"Setting session option {key} = {value}", () => options.AddSessionConfigEntry(key, value));

    public static void Validate(SessionSettings settings)
    {
        if (settings.IntraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.IntraOpThreads, "IntraOpThreads must be 0 (all cores) or positive.");
        }

        if (settings.DeviceId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.DeviceId, "DeviceId must not be negative.");
        }

        foreach (var (name, value) in settings.FreeDimensionOverrides)
        {
            if (string.IsNullOrEmpty(name) || value <= 0)
            {
                throw new ArgumentException($"Free dimension override '{name}' = {value} needs a name and a positive value.", nameof(settings));
            }
        }

        foreach (var (key, _) in settings.ConfigEntries)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A session config entry needs a key.", nameof(settings));
            }
        }
    }
}
