namespace ModelAudit.Core.IO;

/// <summary>
/// Every change the baseline and report writers make to the file system, one step each. Going through one
/// gateway is what lets the fault-injection tests stop a run at every single step (a kill, a full disk) and
/// check that the previous baseline or report survives whole.
/// </summary>
internal static class FileSteps
{
    private static readonly AsyncLocal<Action<string>?> Hook = new();

    /// <summary>Test hook: called with a description before each step of the current async flow; it may throw.</summary>
    internal static IDisposable Inject(Action<string> beforeStep)
    {
        var previous = Hook.Value;
        Hook.Value = beforeStep;
        return new Restore(previous);
    }

    /// <summary>Creates a new file (never replaces one) and flushes it to the disk before returning.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        Step("write", path);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Creates a new file and lets <paramref name="write"/> stream its content; flushed to the disk before returning.</summary>
    public static void WriteNew(string path, Action<Stream> write)
    {
        Step("write", path);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        write(stream);
        stream.Flush(flushToDisk: true);
    }

    public static void CreateDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            Step("mkdir", path);
            Directory.CreateDirectory(path);
        }
    }

    public static void MoveFile(string from, string to)
    {
        Step("rename", from);
        File.Move(from, to, overwrite: true);
    }

    public static void MoveDirectory(string from, string to)
    {
        Step("rename", from);
        Directory.Move(from, to);
    }

    public static void CopyFile(string from, string to)
    {
        Step("copy", from);
        File.Copy(from, to, overwrite: false);
    }

    public static void DeleteFile(string path)
    {
        Step("delete", path);
        File.Delete(path);
    }

    public static void DeleteDirectory(string path)
    {
        Step("delete", path);
        Directory.Delete(path, recursive: true);
    }

    /// <summary>Cleanup after a failure: a second error must not hide the first.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                DeleteDirectory(path);
            }
            else if (File.Exists(path))
            {
                DeleteFile(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's stale-temporary sweep.
        }
    }

    private static void Step(string what, string path) => Hook.Value?.Invoke($"{what} {path}");

    private sealed class Restore(Action<string>? previous) : IDisposable
    {
        public void Dispose() => Hook.Value = previous;
    }
}
