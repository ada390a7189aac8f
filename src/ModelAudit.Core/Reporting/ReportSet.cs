using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>The four report files of an audit, written side by side into one folder.</summary>
public static class ReportSet
{
    /// <summary>
    /// Writes report.html, results.json, junit.xml and summary.md into <paramref name="directory"/> (created if
    /// needed). Each file is replaced atomically; returns their full paths in that order.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(AuditReport report, string directory, string? templatesDirectory = null) =>
        WriteAll(report, directory, Writers(templatesDirectory));

    internal static IReportWriter[] Writers(string? templatesDirectory) =>
    [
        new HtmlReportWriter(templatesDirectory),
        new JsonReportWriter(),
        new JUnitReportWriter(),
        new MarkdownReportWriter(),
    ];

    internal static IReadOnlyList<string> WriteAll(AuditReport report, string directory, IEnumerable<IReportWriter> writers)
    {
        ArgumentNullException.ThrowIfNull(report);
        var folder = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{folder}: cannot create the report folder: {e.Message}", e);
        }

        var written = new List<string>();
        foreach (var writer in writers)
        {
            var path = Path.Combine(folder, writer.FileName);
            try
            {
                writer.Write(report, folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelAuditException($"{path}: cannot write the report: {e.Message}", e);
            }

            written.Add(path);
        }

        return written;
    }
}
