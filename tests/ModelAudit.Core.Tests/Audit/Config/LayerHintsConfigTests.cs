using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Tests.Audit.Config;

/// <summary>The per-model "layerLayout" and "grid" fields (transformer CAM layers).</summary>
public sealed class LayerHintsConfigTests
{
    private const string Config = """
        {
          "models": [{
            "name": "m", "path": "models/m.onnx", LAYER
            "images": [{"path": "images/a.png", "regions": [{"box": [1, 2, 3, 4]}]}]
          }]
        }
        """;

    [Fact]
    public void Load_LayerLayoutAndGrid_AreReadAsHints()
    {
        using var folder = Folder("\"layerLayout\": \"tokens\", \"grid\": \"14x12\",");

        var model = Assert.Single(AuditConfigLoader.Load(folder.ConfigPath).Models);

        Assert.Equal(new LayerHints(LayerLayout.Tokens, new TokenGridSize(14, 12)), model.LayerHints);
    }

    [Fact]
    public void Load_NoHints_InfersBoth()
    {
        using var folder = Folder(string.Empty);

        Assert.Equal(LayerHints.None, Assert.Single(AuditConfigLoader.Load(folder.ConfigPath).Models).LayerHints);
    }

    [Theory]
    [InlineData("\"grid\": \"14 by 14\",", 3, 51, "models[0].grid: grid '14 by 14': give the token grid as HxW, e.g. 14x14")]
    [InlineData("\"layerLayout\": \"nwhc\",", 3, 58, "models[0].layerLayout is \"nwhc\"; expected one of nchw, nhwc, tokens")]
    public void Load_BadHint_PointsAtTheField(string field, int line, int column, string detail)
    {
        using var folder = Folder(field);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((line, column, DiagnosticCodes.ConfigInvalid, detail), (e.Line, e.Column, e.Code, e.Detail));
    }

    private static ConfigFolder Folder(string layerFields)
    {
        var folder = new ConfigFolder();
        folder.WriteConfig(Config.Replace("LAYER", layerFields, StringComparison.Ordinal));
        return folder;
    }
}
