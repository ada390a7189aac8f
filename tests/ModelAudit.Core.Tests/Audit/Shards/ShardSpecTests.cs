using ModelAudit.Core.Audit.Shards;

namespace ModelAudit.Core.Tests.Audit.Shards;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/3", 2, 3)]
    [InlineData("3/3", 3, 3)]
    public void Parse_KOfN_ReturnsBoth(string text, int index, int count) =>
        Assert.Equal(new ShardSpec(index, count), ShardSpec.Parse(text));

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("3")]
    [InlineData("1/2/3")]
    [InlineData("-1/3")]
    [InlineData(" 1/3")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Parse_NotKOfN_ThrowsNamingTheValueAndTheForm(string text)
    {
        var e = Assert.Throws<ModelAuditException>(() => ShardSpec.Parse(text));
        Assert.StartsWith($"--shard \"{text}\" is not a shard; write K/N", e.Message, StringComparison.Ordinal);
    }
}
