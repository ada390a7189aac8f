using System.Globalization;
using System.Text;

namespace ModelAudit.Core.IO;

/// <summary>
/// User text (model names, paths, labels) on its way to a console line, a Markdown summary or an MSBuild
/// message: control characters (C0 including line breaks, DEL, C1) and the bidirectional overrides that can
/// reorder what a reviewer reads become visible <c>\u001B</c> escapes. A name can then neither colour or
/// clear a terminal, nor split one diagnostic into two, nor forge a line MSBuild would parse as an error.
/// </summary>
public static class PrintableText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
