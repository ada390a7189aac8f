using System.Globalization;
using ModelAudit.Core.Audit.Config.Json;
using ModelAudit.Core.Audit.Results;

namespace ModelAudit.Core.Audit.Config;

/// <summary>"class": a whole-number index or a label, checked against the model's labels when given.</summary>
internal static class ClassReader
{
    public static string? Read(JsonObjectReader o, IReadOnlyList<string>? labels, string modelWhere)
    {
        var value = o.Get("class");
        if (value is null)
        {
            return null;
        }

        var where = o.PathOf("class");
        if (value.Kind == JsonKind.Number)
        {
            var index = o.IntOf(value, where, 0);
            if (labels is not null && index >= labels.Count)
            {
                throw o.Source.Invalid(value.Location, $"{where} is {index} but {modelWhere} has {labels.Count} labels (0..{labels.Count - 1})");
            }

            return index.ToString(CultureInfo.InvariantCulture);
        }

        if (value.Kind != JsonKind.String)
        {
            throw o.TypeError(value, where, "a class index or label");
        }

        CheckLabel(o.Source, value.Location, value.Text, labels, where, modelWhere);
        return value.Text;
    }

    public static void CheckLabel(ConfigSource source, SourceLocation at, string label, IReadOnlyList<string>? labels, string where, string modelWhere)
    {
        if (labels is null)
        {
            throw source.Invalid(at, $"{where} is the label \"{label}\" but {modelWhere} has no \"labels\"; add them or give the class index");
        }

        if (!labels.Contains(label, StringComparer.Ordinal))
        {
            var closest = NameSuggester.Closest(label, labels);
            var hint = closest is null ? $"labels: {string.Join(", ", labels.Take(10))}{(labels.Count > 10 ? ", ..." : "")}" : $"did you mean \"{closest}\"?";
            throw source.Invalid(at, $"{where} \"{label}\" is not one of {modelWhere}.labels; {hint}");
        }
    }
}
