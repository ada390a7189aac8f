using System.Globalization;
using Scriban;
using Scriban.Parsing;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// The one place template output is written: every value is HTML-encoded unless it is <see cref="TrustedHtml"/>.
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
        PushCulture(CultureInfo.InvariantCulture);
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        TrustedHtml trusted => Write(trusted.Html),
        _ => Write(HtmlText.Encode(ObjectToString(textAsObject) ?? string.Empty)),
    };
}
