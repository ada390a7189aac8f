namespace ModelAudit.Onnx.Tests.Autodiff;

public class EinsumGradientTests
{
    public static TheoryData<string, string, int> Cases => new()
    {
        // equation, operand shapes as letter sizes ("b=2" style is drawn at random from the seed), seed
        { "bij,bjk->bik", "bij,bjk", 1 },
        { "bhqd,bhkd->bhqk", "bhqd,bhkd", 2 },
        { "ij->ji", "ij", 3 },
        { "ij->", "ij", 4 },
        { "i,j->ij", "i,j", 5 },
        { "ij,jk", "ij,jk", 6 },
        { "ij,jk,kl->il", "ij,jk,kl", 7 },
        { "ii->i", "ii", 8 },
        { "iij,j->ij", "iij,j", 9 },
        { "...ij,...jk->...ik", "xyij,xyjk", 10 },
        { "b...c,c->b...", "bhwc,c", 11 },
        { "nchw,kc->nkhw", "nchw,kc", 12 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Einsum_RandomSizes_EveryOperandMatchesFiniteDifferences(string equation, string layout, int seed)
    {
        var b = new NetBuilder(13, seed);
        var sizes = new Dictionary<char, long>();
        long Size(char letter) => sizes.TryGetValue(letter, out var s) ? s : sizes[letter] = b.Random.Next(2, 5);
        var shapes = layout.Split(',').Select(term => term.Select(Size).ToArray()).ToList();
        if (equation.StartsWith("...", StringComparison.Ordinal))
        {
            shapes[0][1] = 1; // an ellipsis axis broadcast from size 1 against the second operand
        }

        var x = b.Input("x", OperandSlices.Total(shapes));
        var operands = OperandSlices.Cut(b, x, shapes);
        var y = b.Node("Einsum", operands, Onnx.Autodiff.Attr.Str("equation", equation));
        b.Output(y);

        GradientChecker.AssertMatches(GradientChecker.Check(b.Build(), "x", [OperandSlices.Total(shapes)], y, seed, epsilon: 1e-3), 1e-3);
    }

    [Fact]
    public void Einsum_TermDoesNotFitItsInput_NamesTheNode()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 3);
        var y = b.Node("Einsum", [x], Onnx.Autodiff.Attr.Str("equation", "ijk->i"));
        b.Output(y);
        var model = b.Build();
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 3], [y] = [2] };

        var error = Assert.Throws<Onnx.Autodiff.UnsupportedGradientException>(
            () => Onnx.Autodiff.GradientBuilder.Build(model, new Onnx.Autodiff.GradientRequest(["x"], y), shapes));

        Assert.Contains("Einsum", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ijk'", error.Message, StringComparison.Ordinal);
    }
}
