using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// <c>include 'name'</c>: renders the partial <c>name.sbn</c> in the caller's scope and returns its output as
/// <see cref="TrustedHtml"/>: the partial encoded its own values already, so the caller must not encode them twice.
/// </summary>
internal sealed class PartialFunction
{
    // A partial that includes itself would otherwise end the process with a stack overflow.
    private const int MaxDepth = 32;

    private readonly IReadOnlyDictionary<string, (TemplateSource Source, Template Template)> partials;
    private int depth;

    public PartialFunction(IReadOnlyDictionary<string, (TemplateSource Source, Template Template)> partials) => this.partials = partials;

    public TrustedHtml Include(TemplateContext context, SourceSpan span, string name)
    {
        if (!partials.TryGetValue(name, out var partial))
        {
            var known = string.Join(", ", partials.Keys.Order(StringComparer.Ordinal));
            throw new ScriptRuntimeException(span, $"no partial '{name}' (a file {name}{ReportTemplates.Extension} in the templates); known: {known}");
        }

        if (depth >= MaxDepth)
        {
            throw new ScriptRuntimeException(span, $"partials nest deeper than {MaxDepth} levels (does '{name}' include itself?)");
        }

        string html;
        depth++;
        context.PushOutput();
        try
        {
            // Template.Render would render into an output of its own; evaluating the page writes into ours.
            context.Evaluate(partial.Template.Page!);
        }
        finally
        {
            depth--;
            html = context.PopOutput().ToString() ?? string.Empty;
        }

        return new TrustedHtml(html);
    }
}
