using ModelAudit.Core.IO;

namespace ModelAudit.Core.Tests.IO;

public sealed class SafeNamesTests
{
    private const string Alphabet = "./\\:*?\"<>|\0a. ";

    [Theory]
    [InlineData("shapes", "shapes")]
    [InlineData("images/a b.png", "images_a_b.png")]
    [InlineData("..\\..\\etc", ".._.._etc")]
    [InlineData("../x", ".._x")]
    [InlineData("C:\\x", "C__x")]
    [InlineData("a\u0000b\u001bc", "a_b_c")]
    [InlineData("modèle", "mod_le")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("name.", "name_")]
    public void TryMap_MapsEveryUnsafeCharacter(string text, string expected)
    {
        Assert.Equal(expected, SafeNames.TryMap(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("....")]
    public void TryMap_NamesTheFileSystemReads_AreRefused(string text)
    {
        Assert.Null(SafeNames.TryMap(text));
        var e = Assert.Throws<ModelAuditException>(() => SafeNames.Map(text, "model name"));
        Assert.Equal($"model name \"{text}\" cannot name a file (empty, \".\" or \"..\"); choose another", e.Message);
    }

    [Fact]
    public void TryMap_NeverYieldsASeparatorOrAPathThatLeavesItsFolder()
    {
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var name = SafeNames.TryMap(text);
            if (name is null)
            {
                continue;
            }

            var root = Path.GetFullPath("/base/folder");
            Assert.Equal(root, Path.GetDirectoryName(Path.GetFullPath(Path.Combine(root, name))));
        }
    }

    [Fact]
    public void Collide_IgnoresCase()
    {
        Assert.True(SafeNames.Collide("Shapes", "shapes"));
        Assert.False(SafeNames.Collide("a_b", "a-b"));
    }
}
