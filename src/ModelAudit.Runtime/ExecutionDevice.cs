namespace ModelAudit.Runtime;

/// <summary>Where a session runs. <see cref="Auto"/> picks DirectML on Windows when available, else the CPU.</summary>
public enum ExecutionDevice
{
    Auto,
    Cpu,
    Dml,
    Cuda,
}
