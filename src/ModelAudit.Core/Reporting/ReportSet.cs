using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// The report files of an audit, replaced as one set: all are written into a staging folder beside the report
/// folder and swapped in (<see cref="FolderSwap"/>), under a lock that makes a second audit into the same folder
/// wait. A reader sees the previous set or the new one, never a mix; temporaries of killed runs are swept.
/// </summary>
public static class ReportSet
{
    /// <summary>Left in every report folder: marks it as modelaudit's to replace.</summary>
    internal const string Marker = ".modelaudit-report";

    /// <summary>Files other tools put in a report folder that a new report may drop (MSBuild's stamp and baseline listing, file browsers' caches).</summary>
    private static readonly string[] Known = ["inputs.txt", "modelaudit.stamp", "baseline-files.txt", ".DS_Store", "Thumbs.db", "desktop.ini"];

    /// <summary>
    /// Writes report.html, results.json, junit.xml and summary.md (then <paramref name="extras"/>) as the content of
    /// <paramref name="directory"/>; returns their full paths in that order.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(AuditReport report, string directory, string? templatesDirectory = null, IEnumerable<IReportWriter>? extras = null) =>
        WriteAll(report, directory, [.. Writers(templatesDirectory), .. extras ?? []]);

    /// <summary>
    /// Refuses, before an audit spends minutes, a report folder that WriteAll would refuse afterwards: empty, a
    /// root, a file, or a folder holding other files. WriteAll checks again under its lock.
    /// </summary>
    public static void CheckFolder(string directory, IEnumerable<IReportWriter>? extras = null)
    {
        var folder = Normalize(directory);
        if (Path.GetDirectoryName(folder) is null)
        {
            throw new ModelAuditException($"{folder}: is the root of the file system; the report needs a folder of its own (--report DIR)");
        }

        RequireReportFolder(folder, [.. Writers(null), .. extras ?? []]);
    }

    internal static IReportWriter[] Writers(string? templatesDirectory) =>
    [
        new HtmlReportWriter(templatesDirectory),
        new JsonReportWriter(),
        new JUnitReportWriter(),
        new MarkdownReportWriter(),
    ];

    internal static IReadOnlyList<string> WriteAll(AuditReport report, string directory, IEnumerable<IReportWriter> writers, TimeSpan? wait = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var list = writers.ToList();
        var folder = Normalize(directory);
        FolderSwap? swap = null;
        try
        {
            swap = FolderSwap.Begin(folder, "report", wait);
            RequireReportFolder(folder, list);
            FileSteps.WriteNew(Path.Combine(swap.Staging, Marker), "modelaudit report folder: replaced as a whole by every audit\n"u8);
            foreach (var writer in list)
            {
                try
                {
                    writer.Write(report, swap.Staging);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new ModelAuditException($"{Path.Combine(folder, writer.FileName)}: cannot write the report: {e.Message.TrimEnd('.')}; the previous report is unchanged", e);
                }
            }

            ExtrasCache.WriteSet(report.CachedExtras, swap.Staging);
            swap.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var state = swap is { Committed: true }
                ? "the new report is committed; the next audit finishes moving it into place"
                : "the previous report is unchanged";
            // .NET's messages end in a full stop ("Access to the path is denied."), which would sit before our ';'.
            var what = e is UnauthorizedAccessException ? "; make the folder and the one it sits in writable, or pass another folder (--report DIR)" : "";
            throw new ModelAuditException($"{folder}: cannot write the report: {e.Message.TrimEnd('.')}; {state}{what}", e);
        }
        finally
        {
            swap?.Dispose();
        }

        return list.Select(w => Path.Combine(folder, w.FileName)).ToList();
    }

    private static string Normalize(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || directory.Contains('\0', StringComparison.Ordinal))
        {
            throw new ModelAuditException($"the report folder \"{directory.Replace("\0", "\\0", StringComparison.Ordinal)}\" is not a folder name; give the folder for the report (--report DIR)");
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
    }

    /// <summary>
    /// The folder is replaced as a whole, so it must hold nothing but a report: `--report .` or `--report ~`
    /// would otherwise carry the user's files away. Refused, naming the first foreign entry.
    /// </summary>
    private static void RequireReportFolder(string folder, List<IReportWriter> writers)
    {
        if (File.Exists(folder))
        {
            throw new ModelAuditException($"{folder}: is a file; the report needs a folder");
        }

        if (!Directory.Exists(folder) || File.Exists(Path.Combine(folder, Marker)))
        {
            return;
        }

        var ours = new HashSet<string>(writers.Select(w => w.FileName).Concat(Known).Concat(Writers(null).Select(w => w.FileName)), StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
        {
            var name = Path.GetFileName(entry);
            var temporary = name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);
            if (!(File.Exists(entry) && (ours.Contains(name) || temporary)))
            {
                throw new ModelAuditException(
                    $"{folder}: holds \"{name}\", which is not part of a modelaudit report; the report replaces its folder as a whole, so give it a folder of its own (--report DIR)");
            }
        }
    }
}
