using ModelAudit.Core.Analysis;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>
/// Issue 9.4: the activation grids come from the forward pass the CAM already runs. The reference is the old way:
/// the first image alone, run by <see cref="ActivationExtractor"/> in a session of its own that exposes the layers.
/// </summary>
public sealed class ActivationGridSourceTests : IDisposable
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    /// <summary>The four feature maps of <see cref="WriteModel"/> the panel draws (of conv1, bn1, relu1, conv2, add, relu2).</summary>
    private static readonly string[] GridLayers = ["conv1", "relu1", "conv2", "relu2"];

    /// <summary>What the CAM's pass returns of them: relu1 (a ReLU's output changes no fusion) and relu2, the layer the CAM reads.</summary>
    private static readonly string[] FromTheCamPass = ["relu1", "relu2"];

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditOptions Options => new() { ReportDirectory = temp.File("report"), Settings = Cpu };

    /// <summary>
    /// A small residual network with a dynamic batch, so all images share one batch: conv1 -> bn1 -> relu1 -> conv2,
    /// + relu1 -> relu2 -> pool -> 3 classes. ONNX Runtime folds bn1 into conv1 unless conv1 is an output, which rounds
    /// differently: exposing conv1 in the CAM's session would change the maps in their last bits.
    /// </summary>
    private static void WriteModel(string path, long opset)
    {
        var b = new ModelBuilder(opset, seed: 11);
        var x = b.Input("image", ["N", "3", "16", "16"]);
        var conv1 = b.Conv(x, outChannels: 4, kernel: 3, pad: 1, name: "conv1");
        var relu1 = b.Relu(b.BatchNormalization(conv1, name: "bn1"), name: "relu1");
        var sum = b.Add(b.Conv(relu1, outChannels: 4, kernel: 3, pad: 1, name: "conv2"), relu1, name: "add");
        var relu2 = b.Relu(sum, name: "relu2");
        var pooled = b.Flatten(b.GlobalAveragePool(relu2, name: "pool"), axis: 1, name: "flat");
        b.Output(b.Softmax(b.Gemm(pooled, 3, name: "logits"), axis: 1, name: "probabilities"));
        b.Save(path);
    }

    /// <summary>Seeded noise pictures, each different, so a grid drawn from the wrong batch row cannot pass.</summary>
    private static void WriteImage(string path, int seed)
    {
        var random = new Random(seed);
        var image = new Image(16, 16);
        random.NextBytes(image.Pixels);
        for (var o = 3; o < image.Pixels.Length; o += 4)
        {
            image.Pixels[o] = 255;
        }

        PngEncoder.Save(image, path);
    }

    private string Create(string method, long opset)
    {
        WriteModel(temp.File("model.onnx"), opset);
        for (var i = 0; i < 3; i++)
        {
            WriteImage(temp.File($"{i}.png"), seed: 100 + i);
        }

        var config = temp.File("modelaudit.json");
        File.WriteAllText(config, $$"""
            {
              "models": [{
                "name": "residual",
                "path": "model.onnx",
                "preprocess": { "size": [16, 16], "resize": "stretch" },
                "method": "{{method}}",
                "images": [
                  { "path": "0.png", "regions": [{ "box": [4, 4, 8, 8] }] },
                  { "path": "1.png", "regions": [{ "box": [4, 4, 8, 8] }] },
                  { "path": "2.png", "regions": [{ "box": [4, 4, 8, 8] }] }
                ]
              }]
            }
            """);
        return config;
    }

    /// <summary>The reference: <paramref name="imagePath"/> alone through a session exposing the layers, drawn as the panel draws.</summary>
    private static List<(string Title, string Png)> Reference(string config, string imagePath)
    {
        var entry = AuditConfigLoader.Load(config).Models[0];
        using var model = PreparedModel.Open(entry.FullPath, entry.Preprocess, Cpu);
        var input = new float[3 * 16 * 16];
        Preprocessor.Fill(ImageFiles.Load(imagePath), model.Spec, input);
        var activations = ActivationExtractor.Extract(model.Runner, new FloatTensor(input, 1, 3, 16, 16), GridLayers);
        Assert.Equal(1, model.Runner.ExposingSessions);
        return activations.Select(a => ($"{a.Layer} [{string.Join(",", a.Shape)}]", Convert.ToBase64String(PngEncoder.Encode(ActivationGrid.Render(a))))).ToList();
    }

    private static List<(string Title, string Png)> Drawn(IEnumerable<Picture> pictures) =>
        pictures.Select(p => (p.Title, Convert.ToBase64String(p.Png))).ToList();

    [Theory]
    [InlineData("gradcam", 13)] // the fused gradient session exposes the layers
    [InlineData("eigencam", 13)] // the CAM's forward session exposes them
    [InlineData("gradcam", 12)] // gradients over two models: the layers run in a session of their own, as before
    public void Run_ColdCache_GridsEqualTheSeparateSessionsOnTheFirstImage(string method, long opset)
    {
        var config = Create(method, opset);

        var report = AuditRunner.Run(AuditConfigLoader.Load(config), Options);

        var model = Assert.Single(report.Models);
        Assert.Null(model.ActivationGridsNote);
        Assert.Equal(Reference(config, temp.File("0.png")), Drawn(model.ActivationGrids));
        Assert.NotEqual(Reference(config, temp.File("1.png")), Drawn(model.ActivationGrids));
    }

    [Theory]
    [InlineData("gradcam", 13, true)]
    [InlineData("eigencam", 13, true)]
    [InlineData("gradcam", 12, false)] // gradients over two models expose nothing
    public void Expose_GridLayers_TheCamPassReturnsOnlyThoseThatChangeNoFusion(string method, long opset, bool fromThePass)
    {
        var entry = AuditConfigLoader.Load(Create(method, opset)).Models[0];
        using var model = PreparedModel.Open(entry.FullPath, entry.Preprocess, Cpu);
        using var cams = new CamAnalyzer(model, Cpu);

        var returned = cams.Expose(GridLayers, CamMethods.Parse(method), "auto");

        Assert.Equal(fromThePass ? FromTheCamPass : [], returned);
    }

    [Fact]
    public void Images_ColdCache_TheOtherLayersRunInASessionOverTheirPartOfTheModel()
    {
        var loaded = AuditConfigLoader.Load(Create("gradcam", 13));
        using var analysis = ModelAnalysis.Open(loaded, loaded.Models[0], Options);

        var grids = analysis.Images(activationGrids: true, _ => { }, cache: ExtrasCache.InReport(temp.File("report")));

        Assert.Equal(GridLayers.Length, grids.Pictures.Count);
        Assert.Equal(1, analysis.ExposingSessions);
    }

    [Theory]
    [InlineData("gradcam")]
    [InlineData("eigencam")]
    public void Run_GridsOnOrOff_SameMapsToTheLastBit(string method)
    {
        var config = Create(method, 13);
        var withGrids = AuditRunner.Run(AuditConfigLoader.Load(config), Options);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"models\"", "\"report\": { \"activations\": false },\n  \"models\"", StringComparison.Ordinal));

        var without = AuditRunner.Run(AuditConfigLoader.Load(config), Options);

        Assert.Empty(without.Models[0].ActivationGrids);
        Assert.Equal(withGrids.Models[0].Images.Select(i => i.Map), without.Models[0].Images.Select(i => i.Map));
        Assert.Equal(withGrids.Models[0].Images.Select(i => i.PredictedProbability), without.Models[0].Images.Select(i => i.PredictedProbability));
    }

    [Fact]
    public void Draw_SecondRowOfABatch_EqualsThatImageAlone()
    {
        var config = Create("gradcam", 13);
        var entry = AuditConfigLoader.Load(config).Models[0];
        using var model = PreparedModel.Open(entry.FullPath, entry.Preprocess, Cpu);
        using var cams = new CamAnalyzer(model, Cpu);
        var (done, pending) = ActivationPanel.Start(model, temp.File("0.png"), "residual", cache: null);
        Assert.Null(done);
        Assert.Equal(GridLayers, pending!.Layers);
        Assert.Equal(FromTheCamPass, cams.Expose(pending.Layers, CamMethod.GradCam, "auto"));
        var batch = new InputBatch(model.Spec, 3);
        for (var i = 0; i < 3; i++)
        {
            batch.Add($"{i}.png", ImageFiles.Load(temp.File($"{i}.png")));
        }

        ExtraPanel? drawn = null;
        cams.Compute(batch, new CamRequest(CamMethod.GradCam, "auto", ClassChoice.Top, ScoreKind.Logit), 3,
            exposedValues: values => drawn = pending.Draw(values, new FloatTensor(batch.Data, batch.Shape), row: 1));

        Assert.Equal(Reference(config, temp.File("1.png")), Drawn(drawn!.Pictures));
        Assert.Equal(1, model.Runner.ExposingSessions);
    }
}
