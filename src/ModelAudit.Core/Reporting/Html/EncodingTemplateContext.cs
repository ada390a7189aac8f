using System.Globalization;
using Scriban;
using Scriban.Parsing;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// The one place template output is written: every value is HTML-encoded unless it is <see cref="TrustedHtml"/>, a
/// partial's <see cref="RenderedHtml"/> or a picture's <see cref="DataUri"/> (base64, nothing to encode).
/// Template text itself (the markup between the braces) is written as is by Scriban and never passes here.
/// Undefined variables and members are errors with the template's file, line and column.
/// </summary>
internal sealed class EncodingTemplateContext : TemplateContext
{
    public EncodingTemplateContext()
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;

        // A 2,000-layer table is legitimate; the default 1,000-iteration guard would cut it off with an error.
        LoopLimit = int.MaxValue;

        // Scriban 7 stops writing silently once the page reaches 1,048,576 characters (OutputLimit defaults to
        // LimitToString, with truncation): the sample's nine cards of inline pictures ended the report after its
        // header. The page's size is ours (bounded thumbnails), so no output limit; a value too long to convert
        // is an error, never a silently cut string.
        OutputLimit = 0;
        OnStringLimit = ScriptLimitBehavior.Throw;
        PushCulture(CultureInfo.InvariantCulture);
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        TrustedHtml trusted => Write(trusted.Html),
        DataUri uri => WritePieces(uri.WriteTo),
        RenderedHtml rendered => WritePieces(rendered.WriteTo),
        _ => Write(HtmlText.Encode(ObjectToString(textAsObject) ?? string.Empty)),
    };

    // Large values (pictures, captured cards) arrive in pieces; written as they come, none needs to exist whole.
    private TemplateContext WritePieces(Action<Action<string>> writeTo)
    {
        writeTo(piece => Write(piece));
        return this;
    }
}
