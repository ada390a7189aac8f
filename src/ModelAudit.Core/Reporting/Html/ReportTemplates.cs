using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace ModelAudit.Core.Reporting.Html;

/// <summary>
/// The Handlebars sources of the HTML report: report.hbs (the page), every other *.hbs as a partial named after
/// its file, and report.css. They ship embedded; a templates folder replaces any of them by file name and may
/// add partials, so a team can restyle the report without rebuilding the tool.
/// </summary>
internal sealed partial class ReportTemplates
{
    internal const string ResourcePrefix = "ModelAudit.Templates.";
    internal const string Page = "report.hbs";
    internal const string Styles = "report.css";

    private ReportTemplates(IReadOnlyDictionary<string, TemplateSource> files) => Files = files;

    /// <summary>File name -> source, e.g. "image-card.hbs" -> its text and where it came from.</summary>
    public IReadOnlyDictionary<string, TemplateSource> Files { get; }

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

    /// <summary>Compiles the page with its partials; a broken template is reported with its file.</summary>
    public Func<object, string> Compile()
    {
        var handlebars = Handlebars.Create();
        foreach (var source in Files.Values.Where(f => f.Name.EndsWith(".hbs", StringComparison.Ordinal) && f.Name != Page))
        {
            Guard(source, () => handlebars.RegisterTemplate(Path.GetFileNameWithoutExtension(source.Name), Unindent(source.Text)));
        }

        var page = Files[Page];
        HandlebarsTemplate<object, object>? template = null;
        Guard(page, () => template = handlebars.Compile(Unindent(page.Text)));
        return model =>
        {
            string html = string.Empty;
            Guard(page, () => html = template!(model));
            return html;
        };
    }

    public string Css => Files[Styles].Text;

    /// <summary>
    /// Handlebars.Net 2.4.3 renders a partial call that stands indented on its own line ("    {{> card}}")
    /// without HTML escaping. Removing that indentation costs only whitespace in the output and keeps every
    /// template, including a team's own, escaped.
    /// </summary>
    internal static string Unindent(string template) => IndentedPartial().Replace(template, string.Empty);

    [GeneratedRegex(@"^[ \t]+(?=\{\{~?#?>)", RegexOptions.Multiline)]
    private static partial Regex IndentedPartial();

    private static void Guard(TemplateSource source, Action action)
    {
        try
        {
            action();
        }
        catch (HandlebarsException e)
        {
            throw new ModelAuditException($"{source.Origin}: the report template is invalid: {e.Message}", e);
        }
    }

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

        var paths = Directory.EnumerateFiles(folder, "*.hbs").Append(Path.Combine(folder, Styles)).Where(File.Exists);
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
