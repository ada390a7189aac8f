using System.Security.Cryptography;
using System.Text;

namespace ModelAudit.Core.IO;

/// <summary>
/// An exclusive lock on a folder that modelaudit replaces (a report, a baseline), held while the new one is
/// written and swapped in: a file opened with no sharing (an OS lock that a killed process releases), named
/// after the folder's full path in a per-user folder under the temp folder, so no lock file ever lands in the
/// user's project or in a committed baseline. The file stays: deleting it would let two runs lock two files.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _stream;

    private FolderLock(FileStream stream) => _stream = stream;

    public static string PathFor(string folder)
    {
        // Windows and macOS compare paths without case: C:\A and c:\a are one folder, so one lock.
        var key = OperatingSystem.IsLinux() ? folder : folder.ToUpperInvariant();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        var user = SafeNames.TryMap(Environment.UserName) ?? "user";
        return Path.Combine(Path.GetTempPath(), $"modelaudit-locks-{user}", hash + ".lock");
    }

    /// <summary>Waits up to <paramref name="timeout"/> for another modelaudit run writing the same folder, then fails naming it.</summary>
    public static FolderLock Acquire(string folder, string what, TimeSpan timeout)
    {
        var file = PathFor(folder);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return new FolderLock(new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(file) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Poll);
            }
            catch (IOException e) when (File.Exists(file))
            {
                throw new ModelAuditException(
                    $"{folder}: another modelaudit run is writing this {what} (it holds the lock {file}); waited {timeout.TotalSeconds:0} s. Wait for it to finish, or give each run its own folder", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelAuditException($"{file}: cannot create the lock for the {what} {folder}: {e.Message}", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
