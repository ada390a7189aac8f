using System.Runtime.ExceptionServices;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// The Scriban sources of the HTML report: report.sbn (the page), every other *.sbn as a partial named after its
/// file (<c>include 'image-card'</c>), and report.css. They ship embedded; a templates folder replaces any of them
/// by file name and may add partials, so a team can restyle the report without rebuilding the tool.
/// </summary>
internal sealed class ReportTemplates
{
    internal const string ResourcePrefix = "ModelAudit.Templates.";
    internal const string Extension = ".sbn";
    internal const string Page = "report" + Extension;
    internal const string Styles = "report.css";

    private ReportTemplates(IReadOnlyDictionary<string, TemplateSource> files) => Files = files;

    /// <summary>File name -> source, e.g. "image-card.sbn" -> its text and where it came from.</summary>
    public IReadOnlyDictionary<string, TemplateSource> Files { get; }

    public string Css => Files[Styles].Text;

    public static ReportTemplates Load(string? directory)
    {
        var files = new SortedDictionary<string, TemplateSource>(StringComparer.Ordinal);
        foreach (var (name, text) in Embedded())
        {
            files[name] = new TemplateSource(name, $"embedded {name}", text);
        }

        if (directory is not null)
        {
            foreach (var source in FromDirectory(directory))
            {
                files[source.Name] = source;
            }
        }

        return new ReportTemplates(files);
    }

    /// <summary>
    /// Parses the page and every partial up front, so a syntax error anywhere is reported (file, line, column)
    /// even in a partial this report would not reach. Returns the renderer of a view into a writer: the page is
    /// written as it is rendered, never held whole (see <see cref="PartialFunction"/>).
    /// </summary>
    public Action<object, TextWriter> Compile()
    {
        var parsed = Files.Values
            .Where(f => f.Name.EndsWith(Extension, StringComparison.Ordinal))
            .ToDictionary(f => f.Name[..^Extension.Length], f => (Source: f, Template: Parse(f)), StringComparer.Ordinal);
        var page = parsed[Page[..^Extension.Length]];
        return (view, writer) =>
        {
            var context = new EncodingTemplateContext();
            var partials = new PartialFunction(parsed);
            var globals = new ScriptObject();
            globals.Import(view, renamer: StandardMemberRenamer.Default);
            globals.Import("include", new Func<TemplateContext, SourceSpan, string, RenderedHtml?>(partials.Include));
            context.PushGlobal(globals);
            context.PushOutput(new TextWriterOutput(writer));
            try
            {
                page.Template.Render(context);
            }
            catch (ScriptRuntimeException e) when (WriteFailure(e) is { } failure)
            {
                // The page streams into its file, so a full disk surfaces inside the template's run: it is the
                // file's failure, reported by the report's writer (file name, previous report unchanged), not the template's.
                ExceptionDispatchInfo.Throw(failure);
            }
            catch (ScriptRuntimeException e)
            {
                throw new ModelAuditException($"{Where(e.Span)}: the report template failed: {e.OriginalMessage}", e);
            }
        };
    }

    private static Exception? WriteFailure(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is IOException or UnauthorizedAccessException)
            {
                return inner;
            }
        }

        return null;
    }

    private static Template Parse(TemplateSource source)
    {
        var template = Template.Parse(source.Text, source.Origin);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new ModelAuditException($"{Where(first.Span)}: the report template is invalid: {first.Message}");
        }

        return template;
    }

    private static string Where(SourceSpan span) => $"{span.FileName}({span.Start.Line + 1},{span.Start.Column + 1})";

    private static IEnumerable<(string Name, string Text)> Embedded()
    {
        var assembly = typeof(ReportTemplates).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (resource[ResourcePrefix.Length..], reader.ReadToEnd());
        }
    }

    private static IEnumerable<TemplateSource> FromDirectory(string directory)
    {
        var folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder))
        {
            throw new ModelAuditException($"{folder}: the templates folder does not exist.");
        }

        var paths = Directory.EnumerateFiles(folder, "*" + Extension).Append(Path.Combine(folder, Styles)).Where(File.Exists);
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelAuditException($"{path}: cannot read the report template: {e.Message}", e);
            }

            yield return new TemplateSource(Path.GetFileName(path), path, text);
        }
    }
}
