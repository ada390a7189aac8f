using System.Diagnostics;

namespace ModelAudit.TestSupport;

/// <summary>Inputs that are not regular files: FIFOs and devices, which a reader must refuse without hanging.</summary>
public static class SpecialFiles
{
    public const string Zero = "/dev/zero";

    public const string Random = "/dev/urandom";

    /// <summary>True where FIFOs and /dev exist (every Unix); such tests return early elsewhere.</summary>
    public static bool Supported => !OperatingSystem.IsWindows();

    /// <summary>Creates a FIFO nobody writes to: opening it for reading would block forever.</summary>
    public static string Fifo(TempDir dir, string name)
    {
        var path = dir.File(name);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"mkfifo {path} failed");
    }

    /// <summary>Runs <paramref name="action"/> and fails the test if it has not returned within a minute (a hang, not a slow run).</summary>
    public static T WithoutHanging<T>(Func<T> action)
    {
        var task = Task.Run(action);
        if (!task.Wait(TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("the call hung (still blocked after a minute)");
        }

        return task.Result;
    }

    /// <summary>Managed bytes <paramref name="action"/> allocated on this thread (what it read into memory).</summary>
    public static long AllocatedBy(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
