namespace ModelAudit.Runtime.Native;

/// <summary>Enum values of onnxruntime_c_api.h that cross the boundary as plain ints.</summary>
internal static class OrtConstants
{
    /// <summary>GetBuildInfoString (slot 254) arrived in API 15; everything else used is older.</summary>
    public const uint MinimumApiVersion = 15;

    public const int LoggingLevelWarning = 2;

    public const int ExecutionModeSequential = 0;

    public const int GraphOptimizationDisableAll = 0;
    public const int GraphOptimizationEnableAll = 99;

    public const int ArenaAllocator = 1;
    public const int MemTypeDefault = 0;
}
