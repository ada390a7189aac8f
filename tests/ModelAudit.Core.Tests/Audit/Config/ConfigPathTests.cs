using ModelAudit.Core.Audit.Config;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Config;

public sealed class ConfigPathTests
{
    [Theory]
    [InlineData(@"images\a.png", "images/a.png")]
    [InlineData("images/a.png", "images/a.png")]
    [InlineData(@"images\sub\..\a.png", "images/sub/../a.png")]
    public void Normalize_Separators_BecomeForwardSlashes(string written, string expected)
    {
        using var temp = new TempDir();

        Assert.Equal(expected, ConfigPath.Normalize(written, temp.Path));
    }

    [Fact]
    public void Load_BackslashImagePath_KeysTheImageWithForwardSlashes()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig("""
            { "models": [{ "name": "m", "path": "models\\m.onnx", "preprocess": { "size": [8, 8] },
              "images": [{ "path": "images\\a.png", "regions": [{ "box": [1, 2, 3, 4] }] }] }] }
            """);

        var image = AuditConfigLoader.Load(folder.ConfigPath).Models[0].Images[0];

        Assert.Equal("images/a.png", image.Path);
        Assert.Equal(folder.File("images/a.png"), image.FullPath);
    }
}
