namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>
/// Einsum: the gradient of operand i is itself an Einsum, of dY (the output term) with every other operand (their
/// terms), written to operand i's term. On the explicit equation (see <see cref="EinsumEquation"/>): a letter
/// repeated in term i (a diagonal) keeps its first occurrence and the others become fresh letters tied to it by an
/// identity matrix operand; a letter only term i has (summed away, or broadcast from size 1) is supplied by a ones
/// vector operand, which broadcasts dY back along it. Example: Y = Einsum("bij,bjk->bik", A, B) gives
/// dA = Einsum("bik,bjk->bij", dY, B) and dB = Einsum("bik,bij->bjk", dY, A).
/// </summary>
internal static class EinsumRule
{
    public static string?[] Backward(GradientContext c)
    {
        var shapes = Enumerable.Range(0, c.InputCount).Select(c.InShape).ToArray();
        var equation = c.Node.Str("equation", string.Empty);
        var parsed = EinsumEquation.Parse(equation, shapes, out var error) ?? throw c.Unsupported(error);
        var result = c.NoGradients();
        for (var i = 0; i < c.InputCount; i++)
        {
            if (c.Needs(i))
            {
                result[i] = Gradient(c, parsed, i);
            }
        }

        return result;
    }

    private static string Gradient(GradientContext c, EinsumEquation eq, int operand)
    {
        var e = c.E;
        var terms = new List<string> { EinsumEquation.Term(eq.Output) };
        var values = new List<string> { c.Dy };
        for (var j = 0; j < eq.Inputs.Count; j++)
        {
            if (j != operand)
            {
                terms.Add(EinsumEquation.Term(eq.Inputs[j]));
                values.Add(c.In(j));
            }
        }

        var target = new List<char>();
        foreach (var letter in eq.Inputs[operand])
        {
            if (!target.Contains(letter))
            {
                target.Add(letter);
                continue;
            }

            var twin = eq.Fresh() ?? throw c.Unsupported($"equation '{c.Node.Str("equation", string.Empty)}' has too many axes to differentiate its diagonal");
            var n = eq.Sizes[letter];
            var eye = new float[n * n];
            for (var k = 0; k < n; k++)
            {
                eye[(k * n) + k] = 1f;
            }

            terms.Add(new string([letter, twin]));
            values.Add(e.Floats(eye, n, n));
            target.Add(twin);
        }

        foreach (var letter in target.Where(l => !terms.Any(t => t.Contains(l, StringComparison.Ordinal))).ToList())
        {
            terms.Add(letter.ToString());
            values.Add(e.Floats([.. Enumerable.Repeat(1f, (int)eq.Sizes[letter])], eq.Sizes[letter]));
        }

        return e.Op("Einsum", values, Attr.Str("equation", $"{string.Join(',', terms)}->{EinsumEquation.Term(target)}"));
    }
}
