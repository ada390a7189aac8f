using System.Text;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Tests.Audit.Config;

/// <summary>The adversarial configs of issue #12: each is one MA1001 at the right place, never an internal error.</summary>
public sealed class ConfigRobustnessTests
{
    private const string Minimal = """
        {
          "models": [{
            "name": "m", "path": "models/m.onnx", "labels": ["cat", "dog"],
            "images": [{"path": "images/a.png", "regions": [{"box": [1, 2, 3, 4]}]}]
          }]
        }
        """;

    [Fact]
    public void Load_InvalidUtf8InAString_IsAnEncodingErrorAtTheByte()
    {
        using var folder = new ConfigFolder();
        var bytes = Encoding.UTF8.GetBytes(Minimal.Replace("\"name\": \"m\"", "\"name\": \"mX\"", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xFF;
        File.WriteAllBytes(folder.ConfigPath, bytes);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 15, DiagnosticCodes.ConfigInvalid), (e.Line, e.Column, e.Code));
        Assert.Equal($"byte 0xFF at offset {at} is not valid UTF-8; save the file as UTF-8", e.Detail);
    }

    [Theory]
    [InlineData("\"name\": \"m\\ud800\"", 3, 15, "\\ud800")] // high half alone
    [InlineData("\"name\": \"m\\udc00x\"", 3, 15, "\\udc00")] // low half alone
    [InlineData("\"name\": \"m\\ud800\\u0041\"", 3, 15, "\\ud800")] // high half, then not a low half
    [InlineData("\"na\\ud800me\": \"m\"", 3, 8, "\\ud800")] // in a property name
    public void Load_UnpairedSurrogateEscape_IsAnErrorAtTheEscape(string replace, int line, int column, string escape)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"name\": \"m\"", replace));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((line, column, DiagnosticCodes.ConfigInvalid), (e.Line, e.Column, e.Code));
        Assert.Equal($"the string escape {escape} is half of a UTF-16 surrogate pair without its other half, which no text can hold; remove it or write the character itself", e.Detail);
    }

    [Fact]
    public void Load_PairedSurrogateEscapesAndEscapedBackslashU_AreText()
    {
        using var folder = new ConfigFolder();
        // "\ud83d\ude00" is one character (U+1F600); "\\ud800" is a backslash and the text "ud800".
        folder.WriteConfig(ReplaceFirst(Minimal, "\"name\": \"m\"", "\"name\": \"m\\ud83d\\ude00\\\\ud800\""));

        var config = AuditConfigLoader.Load(folder.ConfigPath);

        Assert.Equal("m\U0001F600\\ud800", config.Models[0].Name);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16 (little-endian)")]
    [InlineData("utf-16BE", "UTF-16 (big-endian)")]
    [InlineData("utf-32", "UTF-32 (little-endian)")]
    [InlineData("utf-32BE", "UTF-32 (big-endian)")]
    public void Load_Utf16Or32_IsNamedAsAnEncodingError(string encoding, string named)
    {
        using var folder = new ConfigFolder();
        var text = Encoding.GetEncoding(encoding);
        File.WriteAllBytes(folder.ConfigPath, [.. text.GetPreamble(), .. text.GetBytes(Minimal)]);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal($"the file is encoded as {named}; save it as UTF-8", e.Detail);
    }

    [Fact]
    public void Load_Utf16WithoutByteOrderMark_IsNamedAsAnEncodingError()
    {
        using var folder = new ConfigFolder();
        File.WriteAllBytes(folder.ConfigPath, Encoding.Unicode.GetBytes(Minimal));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Contains("UTF-16 (little-endian)", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"labels\"", "\"layer\": null, \"labels\"", 3, 52, "models[0].layer")]
    [InlineData("\"labels\"", "\"preprocess\": {\"mean\": null}, \"labels\"", 3, 66, "models[0].preprocess.mean")]
    [InlineData("\"regions\"", "\"class\": null, \"regions\"", 4, 50, "models[0].images[0].class")]
    [InlineData("\"models\"", "\"baseline\": null, \"models\"", 2, 15, "baseline")]
    public void Load_NullForAnOptionalField_IsRefusedLikeTheSchemaSays(string find, string replace, int line, int column, string where)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, find, replace));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Equal($"{where} is null; leave the property out to use its default, or give a value", e.Detail);
    }

    [Fact]
    public void Schema_AllowsNullNowhere()
    {
        var schema = File.ReadAllText(Path.Combine(TestSupport.RepoPaths.Root, "templates", "modelaudit.schema.json"));

        Assert.DoesNotContain("\"null\"", schema, StringComparison.Ordinal);
        Assert.Contains("No property accepts null", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FiftyThousandKeysWithADuplicateAtTheEnd_FindsTheDuplicate()
    {
        using var folder = new ConfigFolder();
        var keys = string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"\"k{i}\": {i}"));
        folder.WriteConfig($"{{\"x\": {{{keys}, \"k7\": 1}}, \"models\": []}}");

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal("property \"k7\" appears twice", e.Detail);
    }

    [Fact]
    public void Load_NameLongerThan256_IsRefusedAtTheName()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"name\": \"m\"", $"\"name\": \"{new string('n', 257)}\""));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 13), (e.Line, e.Column));
        Assert.Equal("models[0].name is 257 characters long; a model name has at most 256", e.Detail);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("...")]
    public void Load_NameThatCannotNameAFolder_IsRefused(string name)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"name\": \"m\"", $"\"name\": \"{name}\""));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 13), (e.Line, e.Column));
        Assert.Equal($"models[0].name \"{name}\" cannot name the model's baseline folder; choose a name with a letter or digit", e.Detail);
    }

    [Fact]
    public void Load_NamesSharingABaselineFolder_NamesBothEntries()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig("""
            {"models": [
              {"name": "a/b", "path": "models/m.onnx", "images": [{"path": "images/a.png"}]},
              {"name": "a_b", "path": "models/m.onnx", "images": [{"path": "images/a.png"}]}
            ]}
            """);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 3), (e.Line, e.Column));
        Assert.Equal("models[1] \"a_b\" and models[0] \"a/b\" (line 2) would share the baseline folder \"a_b\"; rename one", e.Detail);
    }

    [Fact]
    public void Load_ImagesSharingAMapFile_NamesBothEntries()
    {
        using var folder = new ConfigFolder();
        folder.Write("images/a b.png", "x");
        folder.Write("images/a_b.png", "y");
        folder.WriteConfig("""
            {"models": [
              {"name": "m", "path": "models/m.onnx", "images": [
                {"path": "images/a b.png"},
                {"path": "images/a_b.png"}]}
            ]}
            """);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((4, 5), (e.Line, e.Column));
        Assert.Equal("models[0]: the images \"images/a b.png\" (line 3) and \"images/a_b.png\" (line 4) would share the baseline map file \"images_a_b.png.npy\"; rename one of the files", e.Detail);
    }

    [Fact]
    public void Load_SameImageTwice_SaysSo()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"images\": [", "\"images\": [{\"path\": \"images/a.png\"}, "));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal("models[0] lists the image \"images/a.png\" twice (lines 4 and 4); list it once", e.Detail);
    }

    [Theory]
    [InlineData("/")]
    [InlineData(".")]
    [InlineData("..")]
    public void Load_BaselineThatIsNoFolderOfItsOwn_IsRefused(string baseline)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"models\"", $"\"baseline\": \"{baseline}\", \"models\""));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((2, 15), (e.Line, e.Column));
        Assert.Contains("replaces the baseline folder as a whole; give it a folder of its own", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("images/a\\u0000.png", "U+0000")]
    [InlineData("images/a\\u001b[31m.png", "U+001B")]
    public void Load_ControlCharacterInAPath_IsRefusedAtThePath(string path, string named)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"images/a.png\"", $"\"{path}\""));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((4, 25, DiagnosticCodes.ConfigInvalid), (e.Line, e.Column, e.Code));
        Assert.Equal($"models[0].images[0].path holds the control character {named}, which no file name can; fix the path", e.Detail);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
