using System.Security.Cryptography;
using System.Text;
using ModelAudit.Core.Audit.Shards;

namespace ModelAudit.Core.Tests.Audit.Shards;

public sealed class ShardAssignmentTests
{
    private static readonly string[] Paths = [.. Enumerable.Range(0, 300).Select(i => $"images/{i:000}.png")];

    [Fact]
    public void ShardOf_EveryPair_IsOwnedByExactlyOneShard()
    {
        foreach (var path in Paths)
        {
            var owners = Enumerable.Range(1, 4).Where(k => ShardAssignment.Owns(new ShardSpec(k, 4), "model", path)).ToList();
            Assert.Equal([ShardAssignment.ShardOf("model", path, 4)], owners);
        }
    }

    [Fact]
    public void ShardOf_KnownKey_IsSha256OfLengthPrefixedKeyModuloCount()
    {
        // Independent of the implementation's code path: the documented key, hashed here.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("6:shapes/images/a.png"));
        var expected = (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) % 7UL) + 1;

        Assert.Equal(expected, ShardAssignment.ShardOf("shapes", "images/a.png", 7));
        Assert.Equal(expected, ShardAssignment.ShardOf("shapes", "images\\a.png", 7));
    }

    [Fact]
    public void ShardOf_ThreeHundredImages_SpreadsOverEveryShard()
    {
        var counts = Paths.GroupBy(p => ShardAssignment.ShardOf("model", p, 3)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([1, 2, 3], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 70, 130));
    }

    [Fact]
    public void ShardOf_SamePathInAnotherModel_IsAnIndependentDraw()
    {
        var same = Paths.Count(p => ShardAssignment.ShardOf("a", p, 2) == ShardAssignment.ShardOf("b", p, 2));

        Assert.InRange(same, 100, 200);
    }
}
