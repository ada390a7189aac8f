using ModelAudit.Core.Analysis;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Limits;

namespace ModelAudit.Core.Tests.Audit.Config;

/// <summary>"limits" in modelaudit.json and the bounded reading of the files the config names.</summary>
public sealed class LimitsConfigTests
{
    private static string Config(string limits) => $$"""
        {
          {{limits}}
          "models": [{"name": "m", "path": "models/m.onnx", "images": [{"path": "images/a.png", "regions": [{"box": [1, 2, 3, 4]}]}]}]
        }
        """;

    [Fact]
    public void Load_Limits_ReachEveryModelsPreprocessing()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(Config("\"limits\": {\"maxPixels\": 1000, \"maxInputElements\": 2000},"));

        var config = AuditConfigLoader.Load(folder.ConfigPath);

        Assert.Equal(new InputLimits { MaxPixels = 1000, MaxInputElements = 2000 }, config.Models[0].Preprocess.Limits);
        Assert.Equal(1000, config.Models[0].Preprocess.Limits.Decode().MaxPixels);
    }

    [Fact]
    public void Load_NoLimits_Defaults()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(Config(""));

        var config = AuditConfigLoader.Load(folder.ConfigPath);

        Assert.Equal(InputLimits.Default, config.Models[0].Preprocess.Limits);
    }

    [Theory]
    [InlineData("\"limits\": {\"maxPixels\": 0},", "limits.maxPixels is 0; it must be >= 1")]
    [InlineData("\"limits\": {\"maxPixels\": 1.5},", "limits.maxPixels is 1.5; it must be a whole number")]
    [InlineData("\"limits\": {\"maxInputElements\": \"big\"},", "limits.maxInputElements must be a number, got a string")]
    [InlineData("\"limits\": {\"maxBytes\": 1},", "maxBytes")]
    public void Load_BadLimits_PointAtTheEntry(string limits, string detail)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(Config(limits));

        var ex = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal(2, ex.Line);
        Assert.Contains(detail, ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigOverItsSizeLimit_RefusedWithoutParsing()
    {
        using var folder = new ConfigFolder();
        var path = folder.ConfigPath;
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.SetLength(FileLimits.ConfigBytes + 1);
        }

        var ex = Assert.Throws<ModelAuditException>(() => AuditConfigLoader.Load(path));

        Assert.Equal($"{path}: is larger than 16 MiB, the limit for this kind of file; is this the right file?", ex.Message);
    }

    [Fact]
    public void Read_LabelsNotUtf8_SaysSo()
    {
        using var folder = new ConfigFolder();
        var path = folder.File("labels.txt");
        File.WriteAllBytes(path, [0x63, 0x61, 0x74, 0x0A, 0xFF, 0xFE, 0x0A]);

        var ex = Assert.Throws<ModelAuditException>(() => LabelFile.Read(path));

        Assert.Equal($"{path}: the labels file is not UTF-8 text; save it as UTF-8, one label per line", ex.Message);
    }

    [Fact]
    public void Read_LabelsWithBomAndCrLf_OneLabelPerLine()
    {
        using var folder = new ConfigFolder();
        var path = folder.File("labels.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "cat\r\ndog\r\n\r\n"u8]);

        Assert.Equal(["cat", "dog"], LabelFile.Read(path));
    }
}
