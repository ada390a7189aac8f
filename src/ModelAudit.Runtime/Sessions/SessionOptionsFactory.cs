using ModelAudit.Runtime.Devices;
using ModelAudit.Runtime.Native;

namespace ModelAudit.Runtime.Sessions;

/// <summary>Turns <see cref="SessionSettings"/> and a device plan into native session options.</summary>
internal static unsafe class SessionOptionsFactory
{
    public static OrtSessionOptionsHandle Create(SessionSettings settings, DevicePlan plan)
    {
        var api = OrtLibrary.Instance.Api;
        // The environment (and its default logger) must exist before any option is set: the CUDA provider's
        // options log through it and fail with "DefaultLogger ... none has been registered" otherwise.
        _ = OrtEnvironment.Handle;
        nint raw;
        OrtStatus.Check(api.CreateSessionOptions(&raw), "Creating session options");
        var options = new OrtSessionOptionsHandle(raw);
        try
        {
            var level = settings.OptimizeGraph ? OrtConstants.GraphOptimizationEnableAll : OrtConstants.GraphOptimizationDisableAll;
            OrtStatus.Check(api.SetSessionGraphOptimizationLevel(raw, level), "Setting the graph optimization level");
            if (settings.IntraOpThreads > 0)
            {
                OrtStatus.Check(api.SetIntraOpNumThreads(raw, settings.IntraOpThreads), $"Setting {settings.IntraOpThreads} intra-op threads");
            }

            if (!settings.AllowSpinning)
            {
                AddConfigEntry(api, raw, "session.intra_op.allow_spinning", "0");
                AddConfigEntry(api, raw, "session.inter_op.allow_spinning", "0");
            }

            foreach (var (name, value) in settings.FreeDimensionOverrides)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
                fixed (byte* dim = bytes)
                {
                    OrtStatus.Check(api.AddFreeDimensionOverrideByName(raw, dim, value), $"Overriding free dimension '{name}' = {value}");
                }
            }

            ExecutionProviderAppender.Append(options, plan.Device, settings.DeviceId);
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AddConfigEntry(OrtApi api, nint options, string key, string value)
    {
        var keyBytes = System.Text.Encoding.UTF8.GetBytes(key + "\0");
        var valueBytes = System.Text.Encoding.UTF8.GetBytes(value + "\0");
        fixed (byte* k = keyBytes)
        fixed (byte* v = valueBytes)
        {
            OrtStatus.Check(api.AddSessionConfigEntry(options, k, v), $"Setting session option {key} = {value}");
        }
    }

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
    }
}
