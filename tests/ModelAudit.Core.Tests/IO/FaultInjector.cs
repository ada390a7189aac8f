using ModelAudit.Core.IO;

namespace ModelAudit.Core.Tests.IO;

/// <summary>
/// Stops a run at its k-th file-system step through <see cref="FileSteps"/>' test hook. A kill fails that step
/// and every later one, cleanup included, as a dead process would; a full disk fails the k-th write only and
/// lets the run clean up, as ENOSPC does.
/// </summary>
internal sealed class FaultInjector : IDisposable
{
    private readonly IDisposable _hook;
    private readonly int _failAt;
    private readonly bool _kill;
    private bool _dead;

    private FaultInjector(int failAt, bool kill)
    {
        _failAt = failAt;
        _kill = kill;
        _hook = FileSteps.Inject(OnStep);
    }

    /// <summary>Every step seen, in order.</summary>
    public List<string> Steps { get; } = [];

    public bool Fired { get; private set; }

    /// <summary>Counts the steps of a run without failing any.</summary>
    public static FaultInjector Count() => new(int.MaxValue, kill: false);

    public static FaultInjector KillAt(int step) => new(step, kill: true);

    /// <summary>The <paramref name="write"/>-th write, copy or mkdir finds the disk full.</summary>
    public static FaultInjector DiskFullAt(int write) => new(write, kill: false);

    public void Dispose() => _hook.Dispose();

    private void OnStep(string step)
    {
        if (_dead)
        {
            throw new SimulatedKill(step);
        }

        Steps.Add(step);
        if (_kill && Steps.Count == _failAt)
        {
            _dead = Fired = true;
            throw new SimulatedKill(step);
        }

        if (!_kill && IsWrite(step) && Steps.Count(IsWrite) == _failAt)
        {
            Fired = true;
            throw new IOException($"No space left on device : '{step[(step.IndexOf(' ', StringComparison.Ordinal) + 1)..]}'", 28);
        }
    }

    private static bool IsWrite(string step) => step.StartsWith("write ", StringComparison.Ordinal) || step.StartsWith("copy ", StringComparison.Ordinal)
        || step.StartsWith("mkdir ", StringComparison.Ordinal);

    /// <summary>Not an IOException: no cleanup code may swallow it.</summary>
    internal sealed class SimulatedKill(string step) : Exception($"killed before: {step}");
}
