namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// An Einsum equation made fully explicit for given operand ranks: the ellipsis replaced by letters (right-aligned,
/// as broadcasting aligns them), an implicit output spelled out (ellipsis letters, then the letters used once, in
/// order), and every size-1 axis that broadcasts against a longer one renamed to a letter of its own, so no operand
/// relies on broadcasting any more and each term says exactly which axes it shares with the others.
/// </summary>
internal sealed class EinsumEquation
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly HashSet<char> _used;

    private EinsumEquation(List<char>[] inputs, List<char> output, HashSet<char> used, Dictionary<char, long> sizes)
    {
        Inputs = inputs;
        Output = output;
        _used = used;
        Sizes = sizes;
    }

    public IReadOnlyList<List<char>> Inputs { get; }

    public List<char> Output { get; }

    /// <summary>The size of each letter's axis (after renaming, no letter has two different sizes).</summary>
    public Dictionary<char, long> Sizes { get; }

    /// <returns>The explicit equation, or null with <paramref name="error"/> saying what is wrong with it.</returns>
    public static EinsumEquation? Parse(string equation, IReadOnlyList<long[]> shapes, out string error)
    {
        error = string.Empty;
        var text = equation.Replace(" ", string.Empty, StringComparison.Ordinal);
        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var left = arrow < 0 ? text : text[..arrow];
        var terms = left.Split(',');
        if (terms.Length != shapes.Count)
        {
            error = $"equation '{equation}' has {terms.Length} input terms for {shapes.Count} inputs";
            return null;
        }

        var used = new HashSet<char>(text.Where(char.IsAsciiLetter));
        if (text.Any(ch => !char.IsAsciiLetter(ch) && ch is not ('.' or ',' or '-' or '>')))
        {
            error = $"equation '{equation}' has a character that is not a letter, ',', '...' or '->'";
            return null;
        }

        var ellipsisRanks = new int[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var letters = terms[i].Count(char.IsAsciiLetter);
            ellipsisRanks[i] = terms[i].Contains("...", StringComparison.Ordinal) ? shapes[i].Length - letters : 0;
            if (ellipsisRanks[i] < 0 || (ellipsisRanks[i] == 0 && letters != shapes[i].Length))
            {
                error = $"term '{terms[i]}' does not fit input {i} of rank {shapes[i].Length}";
                return null;
            }
        }

        var ellipsis = new List<char>();
        for (var k = 0; k < ellipsisRanks.DefaultIfEmpty(0).Max(); k++)
        {
            ellipsis.Add(FreshLetter(used) ?? '\0');
        }

        if (ellipsis.Contains('\0'))
        {
            error = $"equation '{equation}' uses too many axes to spell out its ellipsis";
            return null;
        }

        var inputs = terms.Select((term, i) => Expand(term, ellipsis.TakeLast(ellipsisRanks[i]).ToList())).ToArray();
        List<char> output;
        if (arrow >= 0)
        {
            output = Expand(text[(arrow + 2)..], ellipsis);
        }
        else
        {
            var counts = inputs.SelectMany(t => t).Where(ch => !ellipsis.Contains(ch)).GroupBy(ch => ch).ToDictionary(g => g.Key, g => g.Count());
            output = [.. ellipsis, .. counts.Where(p => p.Value == 1).Select(p => p.Key).OrderBy(ch => ch)];
        }

        var sizes = new Dictionary<char, long>();
        for (var i = 0; i < inputs.Length; i++)
        {
            for (var p = 0; p < inputs[i].Count; p++)
            {
                sizes[inputs[i][p]] = Math.Max(sizes.GetValueOrDefault(inputs[i][p], 1), shapes[i][p]);
            }
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            for (var p = 0; p < inputs[i].Count; p++)
            {
                if (shapes[i][p] == 1 && sizes[inputs[i][p]] > 1)
                {
                    var fresh = FreshLetter(used);
                    if (fresh is null)
                    {
                        error = $"equation '{equation}' uses too many axes to spell out its broadcasting";
                        return null;
                    }

                    inputs[i][p] = fresh.Value;
                    sizes[fresh.Value] = 1;
                }
            }
        }

        if (output.Any(ch => !sizes.ContainsKey(ch)) || output.Distinct().Count() != output.Count)
        {
            error = $"the output term of '{equation}' names a letter no input has, or one letter twice";
            return null;
        }

        return new EinsumEquation(inputs, output, used, sizes);
    }

    public char? Fresh() => FreshLetter(_used);

    public static string Term(IEnumerable<char> letters) => new([.. letters]);

    private static char? FreshLetter(HashSet<char> used)
    {
        foreach (var ch in Alphabet)
        {
            if (used.Add(ch))
            {
                return ch;
            }
        }

        return null;
    }

    private static List<char> Expand(string term, List<char> ellipsis)
    {
        var at = term.IndexOf("...", StringComparison.Ordinal);
        return at < 0 ? [.. term] : [.. term[..at], .. ellipsis, .. term[(at + 3)..]];
    }
}
