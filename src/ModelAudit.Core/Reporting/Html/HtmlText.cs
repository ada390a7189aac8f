using System.Text;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>Text made safe for HTML element content and quoted attribute values alike.</summary>
internal static class HtmlText
{
    public static string Encode(string text)
    {
        StringBuilder? html = null;
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = Replacement(text[i]);
            if (replacement is null)
            {
                html?.Append(text[i]);
                continue;
            }

            html ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            html.Append(replacement);
        }

        return html?.ToString() ?? text;
    }

    // Quotes as well as angle brackets: the same value may land in an attribute. Control characters other than
    // tab and line breaks are not allowed in HTML at all; they show as U+FFFD rather than vanish, so a
    // reviewer sees that a label carried one.
    private static string? Replacement(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        '\t' or '\n' or '\r' => null,
        < ' ' or '\u007f' => "\uFFFD",
        >= '\u0080' and <= '\u009f' => "\uFFFD",
        _ => null,
    };
}
