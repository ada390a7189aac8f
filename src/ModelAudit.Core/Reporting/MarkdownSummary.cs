using System.Text;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Reporting;

/// <summary>The Markdown text itself, kept apart from the file and environment side effects.</summary>
internal static class MarkdownSummary
{
    private const string Pass = "✓";
    private const string Fail = "✗";
    private const string Warn = "⚠";

    public static string Render(AuditReport report)
    {
        var md = new StringBuilder();
        var counts = ReportCounts.Of(report);
        var mark = counts.GateOff ? "⏸" : counts.Passed ? "✅" : "❌";
        md.Append("## ModelAudit: ").Append(mark).Append(' ').Append(counts.Sentence()).Append('\n').Append('\n');
        md.Append(ReportCounts.Count(counts.Checks, "check")).Append(", ")
            .Append(ReportCounts.Count(counts.Errors, "error")).Append(", ")
            .Append(ReportCounts.Count(counts.Warnings, "warning")).Append("; ")
            .Append(ReportCounts.Count(counts.Models, "model")).Append(", ")
            .Append(ReportCounts.Count(counts.Images, "image")).Append(" (")
            .Append(counts.FailedImages).Append(" failed); fail on `")
            .Append(Code(report.FailOn)).Append("`.\n");
        foreach (var model in report.Models)
        {
            AppendModel(md, model);
        }

        AppendFindings(md, report.Findings);
        return md.ToString();
    }

    private static void AppendModel(StringBuilder md, ModelResult model)
    {
        md.Append("\n### ").Append(Cell(model.Name)).Append('\n').Append('\n');
        md.Append(Cell(model.Method)).Append(" at `").Append(Code(model.Layer)).Append("`, score ")
            .Append(Cell(model.Score)).Append(", ").Append(Cell(model.Device)).Append(", sha256 `")
            .Append(ReportText.ShortHash(model.Sha256)).Append('`');
        if (model.ModelChanged)
        {
            md.Append(" — **model changed since baseline**");
        }

        md.Append('\n').Append('\n');
        if (model.Images.Count == 0)
        {
            md.Append("No images audited.\n");
            return;
        }

        // One column per check id, in the order checks first appear, so rows line up even when images differ.
        var checkIds = model.Images.SelectMany(i => i.Checks).Select(c => c.Id).Distinct(StringComparer.Ordinal).ToList();
        md.Append("| image | class | predicted | probability |");
        foreach (var id in checkIds)
        {
            md.Append(' ').Append(Cell(id)).Append(" |");
        }

        md.Append("\n|---|---|---|---:|");
        md.Append(string.Concat(Enumerable.Repeat("---|", checkIds.Count)));
        md.Append('\n');
        foreach (var image in model.Images)
        {
            md.Append("| ").Append(image.Passed ? Pass : Fail).Append(' ').Append(Cell(image.Path))
                .Append(" | ").Append(Cell(ReportText.Class(image.Class, image.ClassLabel)))
                .Append(" | ").Append(Cell(ReportText.Class(image.PredictedClass, image.PredictedLabel)))
                .Append(" | ").Append(ReportText.Percent(image.PredictedProbability)).Append(" |");
            foreach (var id in checkIds)
            {
                var check = image.Checks.FirstOrDefault(c => c.Id == id);
                md.Append(' ').Append(check is null ? "—" : CheckCell(check, image)).Append(" |");
            }

            md.Append('\n');
        }
    }

    private static string CheckCell(CheckResult check, ImageResult image)
    {
        var mark = check.Status switch
        {
            CheckStatus.Pass => Pass,
            CheckStatus.Fail => Fail,
            CheckStatus.Warn => Warn,
            _ => "·",
        };
        return check.Value is null ? mark : $"{mark} {Cell(ReportText.CheckValue(check, image))}";
    }

    private static void AppendFindings(StringBuilder md, IReadOnlyList<Finding> findings)
    {
        var shown = findings.Where(f => f.Severity != Severity.Info).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        var lines = string.Join('\n', shown.Select(f => f.ToCanonical()));
        var fence = Fence(lines);
        md.Append("\n### Findings\n\n").Append(fence).Append('\n').Append(lines).Append('\n').Append(fence).Append('\n');
    }

    // A code fence must be longer than any backtick run inside it, or a path with ``` would end it early.
    private static string Fence(string content)
    {
        int longest = 0, run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }

    /// <summary>User text inside a table cell: no line breaks, no raw HTML, no column splits, no emphasis.</summary>
    internal static string Cell(string text)
    {
        var md = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n':
                    md.Append(' ');
                    break;
                case '<':
                    md.Append("&lt;");
                    break;
                case '>':
                    md.Append("&gt;");
                    break;
                case '&':
                    md.Append("&amp;");
                    break;
                case '|' or '\\' or '*' or '_' or '`' or '[' or ']' or '#':
                    md.Append('\\').Append(c);
                    break;
                default:
                    md.Append(IO.PrintableText.Escape(c.ToString()));
                    break;
            }
        }

        return md.ToString();
    }

    /// <summary>Text inside an inline code span: only backticks and line breaks can break it.</summary>
    private static string Code(string text) => IO.PrintableText.Escape(text.Replace('`', '\'').Replace('\n', ' ').Replace('\r', ' '));
}
