using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Core.Reporting.Html;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// report.html: one self-contained page (pictures as data: URIs, CSS inline, no script, no network) rendered
/// with Scriban from the embedded templates, or from <c>templatesDirectory</c> where it has a file of the
/// same name. Every value is HTML-encoded on output unless our own code marked it <see cref="Html.TrustedHtml"/>.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private readonly string? templatesDirectory;

    public HtmlReportWriter(string? templatesDirectory = null) => this.templatesDirectory = templatesDirectory;

    public string FileName => "report.html";

    public void Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.WriteText(Path.Combine(directory, FileName), Render(report));
    }

    internal string Render(AuditReport report)
    {
        var templates = ReportTemplates.Load(templatesDirectory);
        var render = templates.Compile();
        return render(HtmlReportModelBuilder.Build(report, templates.Css));
    }
}
