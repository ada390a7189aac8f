using System.Text;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Core.Reporting.Html;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// report.html: one self-contained page (pictures as data: URIs, CSS inline, no script, no network) rendered
/// with Scriban from the embedded templates, or from <c>templatesDirectory</c> where it has a file of the
/// same name. Every value is HTML-encoded on output unless our own code marked it <see cref="Html.TrustedHtml"/>.
/// The page streams into a temporary file that replaces report.html only once it is whole: it is mostly pictures
/// (22 MB for 32 photos), and held as one string it was the audit's largest allocation.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    // UTF-8 without a byte-order mark, as the page declares (meta charset).
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly string? templatesDirectory;

    public HtmlReportWriter(string? templatesDirectory = null) => this.templatesDirectory = templatesDirectory;

    public string FileName => "report.html";

    public void Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var render = Renderer(report);
        AtomicFile.Write(Path.Combine(directory, FileName), stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
            render(writer);
        });
    }

    /// <summary>The page as a string (tests, and callers that want it in memory).</summary>
    internal string Render(AuditReport report)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Render(report, writer);
        return writer.ToString();
    }

    /// <summary>Writes the page into <paramref name="writer"/> as it is rendered.</summary>
    internal void Render(AuditReport report, TextWriter writer) => Renderer(report)(writer);

    // Templates are loaded and parsed before the file is created: a broken template leaves nothing behind.
    private Action<TextWriter> Renderer(AuditReport report)
    {
        var templates = ReportTemplates.Load(templatesDirectory);
        var render = templates.Compile();
        return writer => render(HtmlReportModelBuilder.Build(report, templates.Css), writer);
    }
}
