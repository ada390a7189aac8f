namespace ModelAudit.Runtime;

/// <summary>How to open an <see cref="InferenceSession"/>.</summary>
public sealed record SessionSettings
{
    public ExecutionDevice Device { get; init; } = ExecutionDevice.Auto;

    /// <summary>Threads for one operator; 0 leaves ONNX Runtime's default (all physical cores).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>GPU adapter index for DirectML or CUDA.</summary>
    public int DeviceId { get; init; }

    /// <summary>Fixes symbolic dimensions (e.g. "batch" = 1) before ONNX Runtime plans memory.</summary>
    public IReadOnlyDictionary<string, long> FreeDimensionOverrides { get; init; } = new Dictionary<string, long>();

    /// <summary>True runs every graph optimization (ORT_ENABLE_ALL); false runs none.</summary>
    public bool OptimizeGraph { get; init; } = true;

    /// <summary>
    /// Whether idle intra-op threads spin waiting for work (ORT's default, fastest for one busy session).
    /// Sessions that take turns (a forward and a backward model) should not spin: a spinning pool
    /// steals the cores the other session needs.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>
    /// Extra session config entries (ORT's AddSessionConfigEntry, e.g. "session.disable_prepacking" = "1"),
    /// applied after the ones the settings above imply, so they win.
    /// </summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// When set, ONNX Runtime writes the model as optimized for this device to this file (ORT's
    /// OptimizedModelFilePath); opening that file later with <see cref="OptimizeGraph"/> false skips the work.
    /// </summary>
    public string? OptimizedModelPath { get; init; }

    /// <summary>
    /// Whether the first batch a model runs on a non-CPU device is also run on the CPU and compared
    /// (the caller does the comparison; see DeviceVerifier). The CLI's --no-verify-device turns it off.
    /// </summary>
    public bool VerifyDevice { get; init; } = true;
}
