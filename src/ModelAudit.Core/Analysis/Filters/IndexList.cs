using System.Globalization;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>Parses index lists such as "0-63", "1,4,9" or "0-3,8", keeping the order given and dropping repeats.</summary>
public static class IndexList
{
    /// <summary>More indices than any layer has channels; guards against "0-2000000000".</summary>
    public const int MaxCount = 65_536;

    public static IReadOnlyList<int> Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<int>();
        var seen = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            // A leading '-' is a negative number, not a range, and is refused below.
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (from, to) = dash > 0
                ? (Number(part[..dash], text, option), Number(part[(dash + 1)..], text, option))
                : (Number(part, text, option), Number(part, text, option));
            if (to < from)
            {
                throw new ModelAuditException($"{option} '{text}': range '{part}' runs backwards; write {to}-{from}");
            }

            if ((long)to - from + 1 + result.Count > MaxCount)
            {
                throw new ModelAuditException($"{option} '{text}' names more than {MaxCount} indices");
            }

            for (var i = from; i <= to; i++)
            {
                if (seen.Add(i))
                {
                    result.Add(i);
                }
            }
        }

        return result;
    }

    private static int Number(string part, string text, string option) =>
        int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ModelAuditException($"{option} '{text}': '{part}' is not a whole number >= 0; write e.g. 0-63, 1,4,9 or 0-3,8");
}
