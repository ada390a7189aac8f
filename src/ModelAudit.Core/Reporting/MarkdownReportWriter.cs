using System.Text;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;

namespace ModelAudit.Core.Reporting;

/// <summary>
/// summary.md: the verdict and a table per model (image, class, probability, each check ✓/✗ with its value),
/// then the findings. When <c>GITHUB_STEP_SUMMARY</c> names a file (GitHub Actions) the same text is appended
/// to it: other steps write there too, so it is never replaced.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    internal const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    public string FileName => "summary.md";

    public void Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = MarkdownSummary.Render(report);
        AtomicFile.WriteText(Path.Combine(directory, FileName), text);
        AppendToStepSummary(text);
    }

    private static void AppendToStepSummary(string text)
    {
        var target = Environment.GetEnvironmentVariable(StepSummaryVariable);
        if (string.IsNullOrWhiteSpace(target))
        {
            return;
        }

        try
        {
            // A blank line first, so our heading never glues onto what an earlier step left without a newline.
            var separator = File.Exists(target) && new FileInfo(target).Length > 0 ? "\n" : string.Empty;
            File.AppendAllText(target, separator + text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelAuditException($"{StepSummaryVariable}={target}: cannot append the summary: {e.Message}", e);
        }
    }
}
