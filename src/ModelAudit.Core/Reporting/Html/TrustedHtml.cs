namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// Markup our own code produced (the style sheet, a rendered partial, an SVG built from numbers). The only
/// value a template writes without encoding: everything else, user text included, is encoded on output.
/// </summary>
internal sealed record TrustedHtml(string Html)
{
    public override string ToString() => Html;
}
