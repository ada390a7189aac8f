namespace ModelAudit.Runtime.Devices;

/// <summary>The device a session will be opened on and why.</summary>
/// <param name="Device">Cpu, Dml or Cuda; never Auto.</param>
/// <param name="Report">For people: "auto -> cpu (DirectML is only available on Windows)".</param>
/// <param name="FallBackToCpu">True when the user asked for auto, so a failing accelerator may give way to the CPU.</param>
internal sealed record DevicePlan(ExecutionDevice Device, string Report, bool FallBackToCpu);
