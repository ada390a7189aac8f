using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// <c>include 'name'</c>: renders the partial <c>name.sbn</c> in the caller's scope and returns its output as
/// <see cref="RenderedHtml"/>: the partial encoded its own values already, so the caller must not encode them twice.
/// A statement of its own at the start of its line (report.sbn's <c>{{ include 'model' }}</c>) renders straight into
/// the caller's output instead, so the page streams to its file: captured, the 'model' partial held every card of the
/// model as one string (22 MB of pictures for 32 photos, copied again into the page). An indented include stays
/// captured: Scriban indents every line of the value it writes, which streaming would not reproduce byte for byte,
/// and what it captures is one card.
/// </summary>
internal sealed class PartialFunction
{
    // A partial that includes itself would otherwise end the process with a stack overflow.
    private const int MaxDepth = 32;

    private readonly IReadOnlyDictionary<string, (TemplateSource Source, Template Template)> partials;
    private int depth;

    public PartialFunction(IReadOnlyDictionary<string, (TemplateSource Source, Template Template)> partials) => this.partials = partials;

    public RenderedHtml? Include(TemplateContext context, SourceSpan span, string name)
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

        // The statement would write our result, unchanged, as it is next: writing it now puts the same text in the same place.
        var direct = context.CurrentNode is ScriptFunctionCall { Parent: ScriptExpressionStatement } && string.IsNullOrEmpty(context.CurrentIndent);
        depth++;
        if (direct)
        {
            try
            {
                // Template.Render would render into an output of its own; evaluating the page writes into ours.
                context.Evaluate(partial.Template.Page!);
            }
            finally
            {
                depth--;
            }

            return null;
        }

        var output = new StringBuilderOutput();
        context.PushOutput(output);
        try
        {
            context.Evaluate(partial.Template.Page!);
        }
        finally
        {
            depth--;
            context.PopOutput();
        }

        return new RenderedHtml(output.Builder);
    }
}
