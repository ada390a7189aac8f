using System.Globalization;

namespace ModelAudit.Core.Analysis.Scoring;

/// <summary>Which class a score is about: the predicted one (top), a fixed index, or a label.</summary>
public sealed record ClassChoice
{
    private ClassChoice(int? index, string? label)
    {
        Index = index;
        Label = label;
    }

    public static ClassChoice Top { get; } = new(null, null);

    public int? Index { get; }

    public string? Label { get; }

    public bool IsTop => Index is null && Label is null;

    public static ClassChoice Of(int index) => new(index, null);

    /// <summary>
    /// Parses "top", a label, or a whole number. A text that is one of the labels is that label, so
    /// labels written as digits ("0", "180") mean what they say.
    /// </summary>
    public static ClassChoice Parse(string text, IReadOnlyList<string>? labels = null)
    {
        if (string.Equals(text, "top", StringComparison.OrdinalIgnoreCase))
        {
            return Top;
        }

        if (labels is not null && labels.Contains(text, StringComparer.Ordinal))
        {
            return new ClassChoice(null, text);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? new ClassChoice(index, null)
            : new ClassChoice(null, text);
    }

    /// <summary>The class index for one image, given its scores row and the labels (if any).</summary>
    public int Resolve(ReadOnlySpan<float> scores, IReadOnlyList<string>? labels)
    {
        if (Index is int i)
        {
            return i >= 0 && i < scores.Length
                ? i
                : throw new ModelAuditException($"class {i} does not exist: the model scores {scores.Length} classes (0..{scores.Length - 1})");
        }

        if (Label is string label)
        {
            var found = labels?.ToList().FindIndex(l => string.Equals(l, label, StringComparison.Ordinal)) ?? -1;
            if (found >= scores.Length)
            {
                throw new ModelAuditException(
                    $"class '{label}' is label {found} of {labels!.Count}, but the model scores {scores.Length} classes; the labels do not belong to this model (give one label per output class)");
            }

            return found >= 0
                ? found
                : throw new ModelAuditException(labels is null
                    ? $"class '{label}' is a label, but no labels were given; pass --labels FILE or a class index"
                    : $"class '{label}' is not one of the labels ({string.Join(", ", labels.Take(10))}{(labels.Count > 10 ? ", ..." : "")})");
        }

        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return best;
    }

    public override string ToString() => IsTop ? "top" : Label ?? Index!.Value.ToString(CultureInfo.InvariantCulture);
}
