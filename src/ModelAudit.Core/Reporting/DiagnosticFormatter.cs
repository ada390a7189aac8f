using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// The canonical diagnostic lines (<c>path(line,col): error MA1101: message</c>) the hosts print, with paths
/// made relative to the current directory when the file lies under it: shorter to read, and still what
/// MSBuild and GitHub's problem matcher resolve from the working directory.
/// </summary>
public static class DiagnosticFormatter
{
    public static IEnumerable<string> Lines(AuditReport report) => Lines(report, Environment.CurrentDirectory);

    internal static IEnumerable<string> Lines(AuditReport report, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Findings.Select(f => (f with { File = Shorten(f.File, baseDirectory) }).ToCanonical());
    }

    internal static string Shorten(string file, string baseDirectory)
    {
        if (string.IsNullOrEmpty(file) || !Path.IsPathFullyQualified(file))
        {
            return file;
        }

        var relative = Path.GetRelativePath(baseDirectory, file);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.IsPathFullyQualified(relative);
        return outside ? file : relative;
    }
}
