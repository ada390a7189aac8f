using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>One report format. Adding a format is one new writer; <see cref="ReportSet"/> lists them.</summary>
public interface IReportWriter
{
    /// <summary>The file this writer produces inside the report folder, e.g. "report.html".</summary>
    string FileName { get; }

    /// <summary>Writes <c>directory/FileName</c> through a temporary file renamed into place once whole, so a failure keeps the previous file.</summary>
    void Write(AuditReport report, string directory);
}
