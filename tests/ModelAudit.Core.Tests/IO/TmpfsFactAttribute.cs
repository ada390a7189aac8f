using System.Diagnostics;

namespace ModelAudit.Core.Tests.IO;

/// <summary>A test on a real, tiny tmpfs: runs where this process may mount one (Linux as root), skipped elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> CanMount = new(Probe);

    public TmpfsFactAttribute()
    {
        if (!CanMount.Value)
        {
            Skip = "needs Linux and the right to mount a tmpfs (root)";
        }
    }

    public static bool Mount(string folder, int kilobytes) => Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", folder);

    public static void Unmount(string folder) => Run("umount", folder);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return false;
        }

        var folder = Path.Combine(Path.GetTempPath(), "modelaudit-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var mounted = Mount(folder, 64);
            if (mounted)
            {
                Unmount(folder);
            }

            return mounted;
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static bool Run(string tool, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
