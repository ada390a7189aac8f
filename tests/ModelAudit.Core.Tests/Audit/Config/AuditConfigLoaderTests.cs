using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Regions;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Audit.Config;

public sealed class AuditConfigLoaderTests
{
    private const string Full = """
        {
          "$schema": "https://example.invalid/modelaudit.schema.json",
          // people comment their configs
          "baseline": "bl/base",
          "models": [{
            "name": "shapes",
            "path": "models/m.onnx",
            "preprocess": {"size": [96, 48], "resize": "center-crop", "scale": 0.5, "mean": [0.5, 0.5, 0.5],
                           "std": [0.25, 0.25, 0.25], "channels": "bgr", "layout": "nhwc", "padValue": 127.5},
            "labels": ["horizontal", "vertical"],
            "method": "hirescam", "layer": "conv5", "score": "Probability", "input": "x", "output": "y",
            "thresholds": {"minRelevanceMass": 0.5, "pointingGame": true, "pointingTolerance": 3,
                           "maxMassDrop": 0.1, "minBaselineCorrelation": 0.8},
            "images": [
              {"path": "images/a.png", "class": "vertical", "regions": [{"box": [10, 12, 30, 30]}],
               "thresholds": {"minRelevanceMass": 0.4, "pointingTolerance": 0, "failOnPredictionChange": false}},
              {"path": "images/b.png", "class": 1, "regions": [{"polygon": [[0, 0], [4, 0], [0, 4]]}, {"mask": "images/a.png"}]},
            ]
          }]
        }
        """;

    // Line 3 holds the model's scalars, line 4 its images; the error tests change one thing.
    private const string Minimal = """
        {
          "models": [{
            "name": "m", "path": "models/m.onnx", "labels": ["cat", "dog"],
            "images": [{"path": "images/a.png", "regions": [{"box": [1, 2, 3, 4]}]}]
          }]
        }
        """;

    [Fact]
    public void Load_FullConfig_ReadsEveryField()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(Full);

        var config = AuditConfigLoader.Load(folder.ConfigPath);

        Assert.Equal(folder.ConfigPath, config.Path);
        Assert.Equal(folder.Root, config.Directory);
        Assert.Equal(folder.File("bl/base"), config.BaselineDirectory);
        var model = Assert.Single(config.Models);
        Assert.Equal(("shapes", "models/m.onnx", folder.File("models/m.onnx")), (model.Name, model.Path, model.FullPath));
        Assert.Equal(new SourceLocation(5, 14), model.Location);
        var p = model.Preprocess;
        Assert.Equal((96, 48, ResizeMode.CenterCrop, 0.5f), (p.Width, p.Height, p.Resize, p.Scale));
        Assert.Equal([0.5f, 0.5f, 0.5f], p.Mean);
        Assert.Equal([0.25f, 0.25f, 0.25f], p.Std);
        Assert.Equal((ChannelOrder.Bgr, TensorLayout.Nhwc, 127.5f, "modelaudit.json"), (p.Channels, p.Layout, p.PadValue, p.Origin));
        Assert.Equal(["horizontal", "vertical"], model.Labels);
        Assert.Equal(("hirescam", "conv5", "probability", "x", "y"), (model.Method, model.Layer, model.Score, model.Input, model.Output));
        Assert.Equal(new Thresholds(MinRelevanceMass: 0.5, PointingGame: true, PointingTolerance: 3, MaxMassDrop: 0.1, MinBaselineCorrelation: 0.8), model.Thresholds);

        Assert.Equal(2, model.Images.Count);
        var a = model.Images[0];
        Assert.Equal(("images/a.png", folder.File("images/a.png"), "vertical", new SourceLocation(15, 7)), (a.Path, a.FullPath, a.Class, a.Location));
        Assert.Equal<Region>([new BoxRegion(10, 12, 30, 30)], a.Regions);
        // Overrides field by field, including back to a default value (tolerance 0).
        Assert.Equal(model.Thresholds with { MinRelevanceMass = 0.4, PointingTolerance = 0, FailOnPredictionChange = false }, a.Thresholds);
        var b = model.Images[1];
        Assert.Equal("1", b.Class);
        Assert.Equal(model.Thresholds, b.Thresholds);
        Assert.Equal(new PolygonRegion([(0, 0), (4, 0), (0, 4)]), b.Regions[0]);
        var mask = Assert.IsType<MaskRegion>(b.Regions[1]);
        Assert.Equal(("images/a.png", folder.File("images/a.png"), folder.ConfigPath), (mask.Path, mask.FullPath, mask.ConfigFile));
    }

    [Fact]
    public void Load_MinimalConfig_UsesDefaults()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig("""{"models": [{"path": "models/m.onnx", "images": [{"path": "images/a.png"}]}]}""");

        var config = AuditConfigLoader.Load(folder.ConfigPath);

        Assert.Equal(folder.File(".modelaudit/baseline"), config.BaselineDirectory);
        var model = Assert.Single(config.Models);
        Assert.Equal(("m", "gradcam", "auto", "logit"), (model.Name, model.Method, model.Layer, model.Score));
        Assert.Null(model.Labels);
        Assert.Equal(Thresholds.Default, model.Thresholds);
        Assert.Equal(PreprocessOverrides.None with { Origin = "modelaudit.json" }, model.Preprocess);
        var image = Assert.Single(model.Images);
        Assert.Null(image.Class);
        Assert.Empty(image.Regions);
    }

    public static TheoryData<string, string, int, int, string, string> Mistakes => new()
    {
        {
            "syntax error: missing comma",
            "\"name\": \"m\", \"path\": \"models/m.onnx\",|\"name\": \"m\" \"path\": \"models/m.onnx\",",
            3, 17, DiagnosticCodes.ConfigInvalid,
            "invalid JSON: '\"' is invalid after a value. Expected either ',', '}', or ']'."
        },
        {
            "wrong type",
            "{\"path\": \"images/a.png\"|{\"path\": 5",
            4, 25, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].path must be a string, got a number"
        },
        {
            "unknown field",
            "\"name\": \"m\"|\"nmae\": \"m\"",
            3, 5, DiagnosticCodes.ConfigInvalid,
            "models[0] has unknown property \"nmae\"; did you mean \"name\"?"
        },
        {
            "box with 3 numbers",
            "[1, 2, 3, 4]|[1, 2, 3]",
            4, 61, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].regions[0].box needs 4 numbers [x, y, w, h], got 3"
        },
        {
            "box with zero width",
            "[1, 2, 3, 4]|[1, 2, 0, 4]",
            4, 68, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].regions[0].box[2] (width) is 0; it must be > 0"
        },
        {
            "missing image file",
            "images/a.png|images/zzz.png",
            4, 25, DiagnosticCodes.FileProblem,
            "models[0].images[0].path: image images/zzz.png not found (looked for {root}/images/zzz.png)"
        },
        {
            "missing model file",
            "models/m.onnx|models/x.onnx",
            3, 26, DiagnosticCodes.FileProblem,
            "models[0].path: model models/x.onnx not found (looked for {root}/models/x.onnx)"
        },
        {
            "class label not in labels",
            "\"images/a.png\",|\"images/a.png\", \"class\": \"cta\",",
            4, 50, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].class \"cta\" is not one of models[0].labels; did you mean \"cat\"?"
        },
        {
            "class index past the labels",
            "\"images/a.png\",|\"images/a.png\", \"class\": 2,",
            4, 50, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].class is 2 but models[0] has 2 labels (0..1)"
        },
        {
            "threshold out of range",
            "\"regions\"|\"thresholds\": {\"minRelevanceMass\": 1.5}, \"regions\"",
            4, 76, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].thresholds.minRelevanceMass is 1.5; it must be >= 0 and <= 1"
        },
        {
            "region with two shapes",
            "{\"box\": [1, 2, 3, 4]}|{\"box\": [1, 2, 3, 4], \"mask\": \"images/b.png\"}",
            4, 53, DiagnosticCodes.ConfigInvalid,
            "models[0].images[0].regions[0] has box and mask; give one shape per region"
        },
        {
            "bad resize mode",
            "\"labels\"|\"preprocess\": {\"resize\": \"squash\"}, \"labels\"",
            3, 68, DiagnosticCodes.ConfigInvalid,
            "models[0].preprocess.resize is \"squash\"; expected one of stretch, letterbox, pad, center-crop"
        },
        {
            "duplicate property",
            "\"name\": \"m\",|\"name\": \"m\", \"name\": \"n\",",
            3, 18, DiagnosticCodes.ConfigInvalid,
            "property \"name\" appears twice"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Load_Mistake_PointsAtTheEntry(string what, string edit, int line, int column, string code, string detail)
    {
        using var folder = new ConfigFolder();
        var parts = edit.Split('|');
        Assert.Contains(parts[0], Minimal, StringComparison.Ordinal);
        folder.WriteConfig(ReplaceFirst(Minimal, parts[0], parts[1]));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        var expectedDetail = detail.Replace("{root}", folder.Root.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.True((line, column, code, expectedDetail) == (e.Line, e.Column, e.Code, e.Detail.Replace('\\', '/')), $"{what}: got {e.Message}");
        Assert.Equal($"{folder.ConfigPath}({line},{column}): error {code}: {e.Detail}", e.Message);
        Assert.Equal(folder.ConfigPath, e.File);
    }

    [Fact]
    public void Load_ErrorAfterNonAsciiText_CountsColumnsInCharacters()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"name\": \"m\"", "\"name\": \"modèle→\", \"x\": 1"));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        // `    "name": "modèle→", ` is 23 characters (26 bytes); "x" starts in column 24, not byte 27.
        Assert.Equal((3, 24), (e.Line, e.Column));
    }

    [Fact]
    public void Load_ByteOrderMark_IsIgnored()
    {
        using var folder = new ConfigFolder();
        File.WriteAllBytes(folder.ConfigPath, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(ReplaceFirst(Minimal, "\"name\"", "\"nam\""))]);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 5), (e.Line, e.Column));
    }

    [Fact]
    public void Load_ClassLabelWithoutLabels_SaysSo()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(ReplaceFirst(Minimal, ", \"labels\": [\"cat\", \"dog\"]", ""), "\"images/a.png\",", "\"images/a.png\", \"class\": \"cat\","));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal("models[0].images[0].class is the label \"cat\" but models[0] has no \"labels\"; add them or give the class index", e.Detail);
    }

    [Fact]
    public void Load_DuplicateModelNames_PointsAtTheSecond()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig("""
            {"models": [
              {"name": "m", "path": "models/m.onnx", "images": [{"path": "images/a.png"}]},
              {"name": "M", "path": "models/m.onnx", "images": [{"path": "images/a.png"}]}
            ]}
            """);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 3), (e.Line, e.Column));
        Assert.Contains("like models[0] (line 2)", e.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"models": []}""", 1, 12, "\"models\" is empty; list at least one model")]
    [InlineData("""{"baseline": "b"}""", 1, 1, "the file needs \"models\": a list of the models to audit")]
    [InlineData("""[1]""", 1, 1, " must be an object, got an array")]
    [InlineData("", 1, 1, "the file is empty; expected a JSON object")]
    [InlineData("""{"models": [{"path": "models/m.onnx"}]}""", 1, 13, "models[0] has no images; add \"images\" or \"annotations\"")]
    [InlineData("""{"models": [{"path": "models/m.onnx", "images": [{}]}]}""", 1, 50, "models[0].images[0] needs \"path\"")]
    [InlineData("""{"modles": []}""", 1, 2, "has unknown property \"modles\"; did you mean \"models\"?")]
    public void Load_StructuralMistake_PointsAtTheEntry(string json, int line, int column, string detail)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(json);

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.EndsWith(detail, e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingConfig_ThrowsModelAuditExceptionNamingIt()
    {
        using var folder = new ConfigFolder();

        var e = Assert.Throws<ModelAuditException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal($"{folder.ConfigPath}: config file not found", e.Message);
    }

    [Fact]
    public void Load_LabelsFile_ReadsOneLabelPerLine()
    {
        using var folder = new ConfigFolder();
        folder.Write("labels.txt", "cat\ndog\n\n");
        folder.WriteConfig(ReplaceFirst(Minimal, "[\"cat\", \"dog\"]", "\"labels.txt\""));

        Assert.Equal(["cat", "dog"], AuditConfigLoader.Load(folder.ConfigPath).Models[0].Labels);
    }

    [Fact]
    public void Load_Annotations_AppendsImagesWithRegionsAndLabelAsClass()
    {
        using var folder = new ConfigFolder();
        folder.Write("voc/a.xml", "<annotation><filename>../images/b.png</filename><object><name>dog</name><bndbox><xmin>2</xmin><ymin>3</ymin><xmax>5</xmax><ymax>9</ymax></bndbox></object></annotation>");
        folder.WriteConfig(ReplaceFirst(Minimal, "\"labels\"", "\"annotations\": \"voc\", \"labels\""));

        var model = AuditConfigLoader.Load(folder.ConfigPath).Models[0];

        Assert.Equal(2, model.Images.Count);
        var image = model.Images[1];
        Assert.Equal(("images/b.png", folder.File("images/b.png"), "dog", new SourceLocation(3, 58)), (image.Path, image.FullPath, image.Class, image.Location));
        Assert.Equal<Region>([new BoxRegion(1, 2, 4, 7)], image.Regions);
    }

    [Theory]
    [InlineData("<annotation><filename>../images/b.png</filename><object><name>bird</name><bndbox><xmin>2</xmin><ymin>3</ymin><xmax>5</xmax><ymax>9</ymax></bndbox></object></annotation>", "MA1001", "the label of images/b.png \"bird\" is not one of models[0].labels")]
    [InlineData("<annotation><filename>../images/q.png</filename></annotation>", "MA1002", "named by the annotations not found")]
    [InlineData("<annotation>", "MA1001", "invalid XML")]
    public void Load_BadAnnotations_PointsAtTheAnnotationsEntry(string xml, string code, string detail)
    {
        using var folder = new ConfigFolder();
        folder.Write("voc/a.xml", xml);
        folder.WriteConfig(ReplaceFirst(Minimal, "\"labels\"", "\"annotations\": [\"voc\"], \"labels\""));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 59, code), (e.Line, e.Column, e.Code));
        Assert.StartsWith("models[0].annotations[0]: ", e.Detail, StringComparison.Ordinal);
        Assert.Contains(detail, e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingAnnotations_IsFileProblemAtTheEntry()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "\"labels\"", "\"annotations\": \"coco.json\", \"labels\""));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((3, 58, DiagnosticCodes.FileProblem), (e.Line, e.Column, e.Code));
        Assert.StartsWith("models[0].annotations: annotations coco.json not found", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingMask_IsFileProblemAtTheMask()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig(ReplaceFirst(Minimal, "{\"box\": [1, 2, 3, 4]}", "{\"mask\": \"m.png\"}"));

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((4, 62, DiagnosticCodes.FileProblem), (e.Line, e.Column, e.Code));
        Assert.StartsWith("models[0].images[0].regions[0].mask: mask m.png not found", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFinding_CarriesLocationCodeAndDetail()
    {
        var e = new ConfigException("/p/modelaudit.json", 12, 7, DiagnosticCodes.ConfigInvalid, "bad");

        Assert.Equal("/p/modelaudit.json(12,7): error MA1001: bad", e.ToFinding().ToCanonical());
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"'{find}' not in the text") : text[..at] + replacement + text[(at + find.Length)..];
    }
}
