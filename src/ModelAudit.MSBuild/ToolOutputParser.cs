using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelAudit.MSBuild;

/// <summary>
/// Reads the tool's canonical diagnostics, <c>path(line,col): error MA1101: message</c>, the same format
/// MSBuild, Visual Studio and GitHub's problem matcher read. Anything else is plain output.
/// </summary>
internal static class ToolOutputParser
{
    // The file part is lazy so the first "(line,col): severity CODE: " wins: a path may hold parentheses
    // ("C:\models (v2)\modelaudit.json") and a message may too ("(gradcam at conv5)").
    private static readonly Regex Canonical = new(
        @"^\s*(?<file>.+?)\((?<line>\d+)(?:,(?<column>\d+))?\)\s*:\s*(?<severity>error|warning|info)\s+(?<code>[A-Za-z]+\d+)\s*:\s?(?<message>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    private static readonly Regex ToolError = new(
        @"^\s*modelaudit: (?<internal>internal )?error: (?<message>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    /// <summary>
    /// The diagnostic on this line, or null when the line is plain output. The tool's one-line failures
    /// (<c>modelaudit: error: ...</c>, <c>modelaudit: internal error: ...</c>) are errors without a location.
    /// </summary>
    public static ToolDiagnostic? Parse(string line)
    {
        var match = Canonical.Match(line);
        if (match.Success)
        {
            var column = match.Groups["column"].Success ? Number(match.Groups["column"].Value) : 0;
            return new ToolDiagnostic(
                SeverityOf(match.Groups["severity"].Value),
                match.Groups["code"].Value,
                match.Groups["file"].Value.Trim(),
                Number(match.Groups["line"].Value),
                column,
                match.Groups["message"].Value.TrimEnd());
        }

        var toolError = ToolError.Match(line);
        if (toolError.Success)
        {
            var prefix = toolError.Groups["internal"].Success ? "internal error: " : "";
            return new ToolDiagnostic(ToolSeverity.Error, null, null, 0, 0, prefix + toolError.Groups["message"].Value.TrimEnd());
        }

        return null;
    }

    private static ToolSeverity SeverityOf(string text) => text switch
    {
        "error" => ToolSeverity.Error,
        "warning" => ToolSeverity.Warning,
        _ => ToolSeverity.Info,
    };

    // Digits only (the regex guarantees it); a line number too large for int is clamped, never thrown on.
    private static int Number(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : int.MaxValue;
}
