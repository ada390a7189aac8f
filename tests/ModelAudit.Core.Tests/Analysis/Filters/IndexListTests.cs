using ModelAudit.Core.Analysis.Filters;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class IndexListTests
{
    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("1,4,9", new[] { 1, 4, 9 })]
    [InlineData("0-3,8", new[] { 0, 1, 2, 3, 8 })]
    [InlineData(" 5 , 2-3 ", new[] { 5, 2, 3 })]
    [InlineData("2,1-3", new[] { 2, 1, 3 })]
    [InlineData("7-7", new[] { 7 })]
    public void Parse_ValidLists_GiveIndicesInOrderWithoutRepeats(string text, int[] expected)
    {
        Assert.Equal(expected, IndexList.Parse(text, "--filters"));
    }

    [Theory]
    [InlineData("3-1", "backwards")]
    [InlineData("a", "'a'")]
    [InlineData("-1", "'-1'")]
    [InlineData("1,,2", "''")]
    [InlineData("1-", "''")]
    [InlineData("0-99999999", "more than")]
    public void Parse_BadLists_ThrowNamingTheOptionAndThePart(string text, string detail)
    {
        var e = Assert.Throws<ModelAuditException>(() => IndexList.Parse(text, "--filters"));

        Assert.StartsWith($"--filters '{text}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(detail, e.Message, StringComparison.Ordinal);
    }
}
