using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Imaging.Tests.Drawing;

public sealed class BitmapFontTests
{
    private const string Required = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._-/:() ";

    [Fact]
    public void Has_EveryRequiredCharacter_True()
    {
        Assert.All(Required, c => Assert.True(BitmapFont.Has(c), $"no glyph for '{c}'"));
        Assert.False(BitmapFont.Has('\u00e9'));
        Assert.False(BitmapFont.Has('~'));
    }

    [Fact]
    public void Glyphs_AllDistinctAndOnlySpaceBlank()
    {
        var seen = new Dictionary<string, char>();
        foreach (char c in Required + ",+=%?")
        {
            var bits = new char[BitmapFont.GlyphWidth * BitmapFont.GlyphHeight];
            for (int y = 0; y < BitmapFont.GlyphHeight; y++)
            {
                for (int x = 0; x < BitmapFont.GlyphWidth; x++)
                {
                    bits[(y * BitmapFont.GlyphWidth) + x] = BitmapFont.IsInk(c, x, y) ? '#' : '.';
                }
            }

            string key = new(bits);
            Assert.True(seen.TryAdd(key, c), $"'{c}' looks the same as '{(seen.TryGetValue(key, out var other) ? other : ' ')}'");
            Assert.Equal(c == ' ', !key.Contains('#', StringComparison.Ordinal));
        }
    }
}
