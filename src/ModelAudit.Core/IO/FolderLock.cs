namespace ModelAudit.Core.IO;

/// <summary>
/// An exclusive lock on a folder that modelaudit replaces (a report, a baseline), held while the new one is
/// written and swapped in: <c>.NAME.lock</c> beside the folder, opened with no sharing (an OS lock that a
/// killed process releases). The file itself stays: deleting it would let two runs lock two different files.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _stream;

    private FolderLock(FileStream stream) => _stream = stream;

    public static string PathFor(string folder) =>
        Path.Combine(Path.GetDirectoryName(folder)!, $".{Path.GetFileName(folder)}.lock");

    /// <summary>Waits up to <paramref name="timeout"/> for another modelaudit run writing the same folder, then fails naming it.</summary>
    public static FolderLock Acquire(string folder, string what, TimeSpan timeout)
    {
        var file = PathFor(folder);
        FileSteps.CreateDirectory(Path.GetDirectoryName(file)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FolderLock(new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(file) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Poll);
            }
            catch (IOException e) when (File.Exists(file))
            {
                throw new ModelAuditException(
                    $"{folder}: another modelaudit run is writing this {what} (it holds {file}); waited {timeout.TotalSeconds:0} s. Wait for it to finish, or give each run its own folder", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelAuditException($"{file}: cannot create the lock file for the {what}: {e.Message}", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
