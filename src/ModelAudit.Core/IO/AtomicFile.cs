namespace ModelAudit.Core.IO;

/// <summary>
/// Writes a file through a flushed temporary sibling and a rename, so a reader (or a crashed run) never sees
/// half a file. The one atomic-write utility of Core.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>
    /// Writes what <paramref name="write"/> streams into the file: a large file never needs to exist in memory whole.
    /// If <paramref name="write"/> throws, the temporary is deleted and the file at <paramref name="path"/> is untouched.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        FileSteps.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            FileSteps.WriteNew(temp, write);
            FileSteps.MoveFile(temp, full);
        }
        catch
        {
            FileSteps.TryDelete(temp);
            throw;
        }
    }

    public static void WriteText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));
}
