using System.Text.RegularExpressions;

namespace ModelAudit.Core.IO;

/// <summary>
/// Replaces a folder as a whole (a report set, a baseline): the new content is written into a staging folder
/// beside it, then swapped in. The commit point is one atomic file write, the journal <c>.NAME.swap</c> naming
/// the staging and the retired folder; the two directory renames that follow are redone by the next run if
/// this one is killed between them. So a reader finds the previous folder whole or the new one complete,
/// never a mix. Everything happens under <see cref="FolderLock"/>; staging folders of killed runs are swept
/// on the next one.
/// </summary>
internal sealed partial class FolderSwap : IDisposable
{
    /// <summary>How long a run waits for another one writing the same folder before it gives up.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(2);

    private readonly string _target;
    private readonly FolderLock _lock;
    private bool _committed;

    private FolderSwap(string target, string staging, FolderLock folderLock)
    {
        _target = target;
        Staging = staging;
        _lock = folderLock;
    }

    /// <summary>The empty folder to fill; it becomes the target on <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>Whether the journal is written: from then on the new content wins, even after a failure.</summary>
    public bool Committed => _committed;

    /// <summary>Locks <paramref name="target"/>, finishes an interrupted swap, sweeps stale temporaries, makes the staging folder.</summary>
    public static FolderSwap Begin(string target, string what, TimeSpan? wait = null)
    {
        var full = Normalize(target, what);
        var folderLock = FolderLock.Acquire(full, what, wait ?? DefaultWait);
        try
        {
            Recover(full);
            SweepStale(full);
            var staging = Sibling(full, "new");
            FileSteps.CreateDirectory(staging);
            return new FolderSwap(full, staging, folderLock);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>Finishes a swap a killed run left half done (cheap when there is none); the audit calls it before reading a baseline.</summary>
    public static void RecoverIfInterrupted(string target, string what, TimeSpan? wait = null)
    {
        var full = Normalize(target, what);
        if (File.Exists(JournalOf(full)))
        {
            using var folderLock = FolderLock.Acquire(full, what, wait ?? DefaultWait);
            Recover(full);
        }
    }

    /// <summary>Swaps the staging folder in. After the journal is written the new content is committed, even if the process dies.</summary>
    public void Commit()
    {
        var retired = Sibling(_target, "old");
        var journal = JournalOf(_target);
        AtomicFile.WriteText(journal, $"{Path.GetFileName(Staging)}\n{Path.GetFileName(retired)}\n");
        _committed = true;
        Complete(_target, Staging, retired, journal);
    }

    public void Dispose()
    {
        try
        {
            if (!_committed)
            {
                FileSteps.TryDelete(Staging);
            }
        }
        finally
        {
            _lock.Dispose();
        }
    }

    internal static string JournalOf(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.swap");

    private static string Normalize(string target, string what)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        if (Path.GetDirectoryName(full) is null || Path.GetFileName(full).Length == 0)
        {
            throw new ModelAuditException($"{full}: is the root of the file system; the {what} needs a folder of its own");
        }

        return full;
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}");

    private static void Recover(string target)
    {
        var journal = JournalOf(target);
        if (!File.Exists(journal))
        {
            return;
        }

        var names = File.ReadAllText(journal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var prefix = $".{Path.GetFileName(target)}.";
        if (names.Length != 2 || !names.All(n => n.StartsWith(prefix, StringComparison.Ordinal) && TempSuffix().IsMatch(n[prefix.Length..])))
        {
            throw new ModelAuditException($"{journal}: is not a journal modelaudit wrote; check {target} and delete the file");
        }

        var parent = Path.GetDirectoryName(target)!;
        Complete(target, Path.Combine(parent, names[0]), Path.Combine(parent, names[1]), journal);
    }

    /// <summary>Idempotent: each step checks what is already done, so a run killed here is finished by the next.</summary>
    private static void Complete(string target, string staging, string retired, string journal)
    {
        if (Directory.Exists(staging))
        {
            if (Directory.Exists(target))
            {
                FileSteps.MoveDirectory(target, retired);
            }

            FileSteps.MoveDirectory(staging, target);
        }
        else if (!Directory.Exists(target) && Directory.Exists(retired))
        {
            FileSteps.MoveDirectory(retired, target);
        }

        FileSteps.DeleteFile(journal);
        FileSteps.TryDelete(retired);
    }

    /// <summary>Staging and retired folders of runs that were killed before their journal: never committed, safe to drop.</summary>
    private static void SweepStale(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        var prefix = $".{Path.GetFileName(target)}.";
        foreach (var entry in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith(prefix, StringComparison.Ordinal) && TempSuffix().IsMatch(name[prefix.Length..]))
            {
                FileSteps.TryDelete(entry);
            }
        }

        // A journal whose atomic write was cut short: its temporary file.
        var journal = "." + Path.GetFileName(JournalOf(target)) + ".";
        foreach (var entry in Directory.EnumerateFiles(parent, journal + "*"))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith(journal, StringComparison.Ordinal) && JournalTempSuffix().IsMatch(name[journal.Length..]))
            {
                FileSteps.TryDelete(entry);
            }
        }
    }

    [GeneratedRegex("^(new|old)-[0-9]+-[0-9a-f]{32}$")]
    private static partial Regex TempSuffix();

    [GeneratedRegex("^[0-9]+\\.[0-9a-f]{32}\\.tmp$")]
    private static partial Regex JournalTempSuffix();
}
