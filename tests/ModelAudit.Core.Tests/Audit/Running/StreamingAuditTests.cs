using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Faithfulness;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Audit.Config;
using ModelAudit.Core.Audit.Explanations;
using ModelAudit.Core.Audit.Running;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Audit.Running;

/// <summary>Issue 9.5: images are decoded, analysed and measured one batch at a time; only bounded thumbnails and numbers stay.</summary>
public sealed class StreamingAuditTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private AuditOptions Options(int batch = 8) => new()
    {
        ReportDirectory = temp.File("report"),
        Settings = new SessionSettings { Device = ExecutionDevice.Cpu },
        BatchSize = batch,
    };

    /// <summary>The shortcut fixture with <paramref name="count"/> images, alternating a.png and b.png under their own names.</summary>
    private string Config(int count, bool dynamicBatch = true)
    {
        var config = ShortcutFixture.Create(temp.Path, shortcut: false);
        if (dynamicBatch)
        {
            // The fixture's model fixes batch 1; this twin takes any batch, so batches of several images exist.
            var b = new Onnx.ModelBuilder(opset: 13, seed: 5);
            var x = b.Input("image", ["N", "3", "32", "32"]);
            var features = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: [1, 0, 0, 0, 1, 0], bias: [0, 0], name: "features"), name: "features_relu");
            var logits = b.Gemm(b.Flatten(b.GlobalAveragePool(features, name: "pool"), axis: 1, name: "flat"), 2, weights: [40, 0, -40, 0], bias: [0, 2], name: "logits");
            b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
            b.Save(temp.File("model.onnx"));
        }

        var images = Enumerable.Range(0, count).Select(i =>
        {
            File.Copy(temp.File(i % 2 == 0 ? "a.png" : "b.png"), temp.File($"img{i}.png"), overwrite: true);
            return $$"""{ "path": "img{{i}}.png", "class": "object", "regions": [{ "box": [10, 10, 12, 12] }] }""";
        });
        File.WriteAllText(config, $$"""
            {
              "baseline": "baseline",
              "models": [{
                "name": "shapes", "path": "model.onnx", "preprocess": { "size": [32, 32], "resize": "stretch" },
                "labels": ["object", "empty"], "method": "gradcam",
                "thresholds": { "minRelevanceMass": 0.6, "maxMassDrop": 0.1, "minBaselineCorrelation": 0.8 },
                "images": [{{string.Join(",\n", images)}}]
              }]
            }
            """);
        return config;
    }

    [Fact]
    public void Images_SixImagesInBatchesOfTwo_NoDecodedPictureSurvivesItsPreprocessing()
    {
        var config = AuditConfigLoader.Load(Config(6));
        using var analysis = ModelAnalysis.Open(config, config.Models[0], Options(batch: 2));
        var decoded = new List<WeakReference>();
        analysis.Decoded = image => decoded.Add(new WeakReference(image));
        var aliveAtEachImage = new List<int>();
        var thumbnails = new List<Image?>();

        analysis.Images(activationGrids: true, x =>
        {
            thumbnails.Add(x.Thumbnail);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            aliveAtEachImage.Add(decoded.Count(w => w.IsAlive));
        }, thumbnails: true);

        Assert.Equal(6, decoded.Count);
        // A batch holds model-size tensors: by the time its images are measured, not even they are decoded any more.
        Assert.All(aliveAtEachImage, alive => Assert.Equal(0, alive));
        Assert.All(thumbnails, t => Assert.Equal((32, 32), (t!.Width, t.Height)));
    }

    [Fact]
    public void Images_FilledOneImageAtATime_SameMapsAsTheWholeBatchPath()
    {
        var config = AuditConfigLoader.Load(Config(5));
        var model = config.Models[0];
        var streamed = new CamResult[5];
        using (var analysis = ModelAnalysis.Open(config, model, Options(batch: 2)))
        {
            analysis.Images(activationGrids: false, x => streamed[x.Index] = x.Cam);
            Assert.All(streamed, cam => Assert.NotNull(cam));
        }

        // The public path: all images decoded first, preprocessed a batch at a time by CamAnalyzer itself.
        var settings = new SessionSettings { Device = ExecutionDevice.Cpu };
        using var prepared = PreparedModel.Open(model.FullPath, model.Preprocess, settings);
        using var cams = new CamAnalyzer(prepared, settings);
        var images = model.Images.Select(i => (i.Path, ImageFiles.Load(i.FullPath))).ToList();
        var whole = cams.Compute(images, new CamRequest(CamMethod.GradCam, "auto", ClassChoice.Parse("object", model.Labels), ScoreKind.Logit, model.Labels), 2);

        for (var k = 0; k < 5; k++)
        {
            Assert.Equal(whole[k].Placement, streamed[k].Placement);
            Assert.Equal(whole[k].Map, streamed[k].Map);
            Assert.Equal(whole[k].PredictedProbability, streamed[k].PredictedProbability);
        }
    }

    [Fact]
    public void Run_Images_ComeBackInConfigOrderWithIndexes()
    {
        var config = AuditConfigLoader.Load(Config(5));

        var report = AuditRunner.Run(config, Options(batch: 2));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"img{i}.png"), report.Models[0].Images.Select(i => i.Path));
        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.ToCanonical())));
    }

    [Fact]
    public void Run_LargeImage_KeepsABoundedPictureWithItsDrawnMapsPlacementAndBaselineMap()
    {
        var config = Config(1, dynamicBatch: false);
        // A wide 2000x500 picture of the fixture's scene (the object box scales with it).
        var small = PngDecoder.Decode(File.ReadAllBytes(temp.File("img0.png")), "img0");
        PngEncoder.Save(Imaging.Processing.Resizer.Resize(small, 2000, 500), temp.File("img0.png"));
        File.WriteAllText(config, File.ReadAllText(config).Replace("[10, 10, 12, 12]", "[625, 156, 750, 188]", StringComparison.Ordinal));
        BaselineAcceptor.Accept(AuditConfigLoader.Load(config), Options());

        var image = AuditRunner.Run(AuditConfigLoader.Load(config), Options()).Models[0].Images[0];

        Assert.Equal((2000, 500), (image.Width, image.Height));
        var png = PngDecoder.Decode(image.ImagePng, "thumbnail");
        Assert.Equal((512, 128), (png.Width, png.Height));
        // The maps are drawn straight onto the thumbnail, now and baseline alike (the same map: the same picture).
        Assert.Equal((512, 128), (image.Maps.Width, image.Maps.Height));
        var now = PngDecoder.Decode(image.Maps.Now, "now");
        Assert.Equal((512, 128), (now.Width, now.Height));
        Assert.Equal(image.Maps.Now, image.Maps.Baseline);
        Assert.Equal(0f, image.Maps.DifferenceSpan);
        Assert.Equal(new ImagePlacement(2000, 500, 32, 32, 32 / 2000.0, 32 / 500.0, 0, 0), image.Placement);
        Assert.Equal(image.Map, image.BaselineMap);
        Assert.Equal((image.MapWidth, image.MapHeight), (image.BaselineMapWidth, image.BaselineMapHeight));
        // The thumbnail is the picture scaled down: its mean colour matches the original's.
        Assert.Equal(Mean(small, 0), Mean(png, 0), 0);
    }

    [Fact]
    public void Images_LargePicture_CollectedOnceDecodedAndOnceMeasured()
    {
        var config = Config(1, dynamicBatch: false);
        // 2000x2000 pixels: the smallest square PictureMemory counts as large.
        var small = PngDecoder.Decode(File.ReadAllBytes(temp.File("img0.png")), "img0");
        PngEncoder.Save(Imaging.Processing.Resizer.Resize(small, 2000, 2000), temp.File("img0.png"));
        var loaded = AuditConfigLoader.Load(config);
        using var analysis = ModelAnalysis.Open(loaded, loaded.Models[0], Options());
        var before = PictureMemory.Collections;

        analysis.Images(activationGrids: false, _ => { });

        Assert.Equal(2, PictureMemory.Collections - before);
    }

    [Fact]
    public void Faithfulness_LargePictures_CollectedAfterEach()
    {
        var config = Config(2, dynamicBatch: false);
        var small = PngDecoder.Decode(File.ReadAllBytes(temp.File("img0.png")), "img0");
        PngEncoder.Save(Imaging.Processing.Resizer.Resize(small, 2000, 2000), temp.File("img0.png"));
        PngEncoder.Save(Imaging.Processing.Resizer.Resize(small, 2000, 2000), temp.File("img1.png"));
        var loaded = AuditConfigLoader.Load(config);
        var entry = loaded.Models[0];
        var items = entry.Images.Select(i => new FaithfulnessRun.Item(i, [1f, 0f, 0f, 0f], 2, 2, 0)).ToList();
        var settings = new FaithfulnessSettings(new FaithfulnessOptions { Steps = 2 });
        var before = PictureMemory.Collections;

        var measures = FaithfulnessRun.Measure(loaded, entry, Options(), settings, items);

        Assert.Equal(2, measures.Count);
        Assert.Equal(2, PictureMemory.Collections - before);
    }

    [Theory]
    [InlineData(2000, 2000, true)]
    [InlineData(4000, 1000, true)]
    [InlineData(1999, 2000, false)]
    [InlineData(640, 480, false)]
    [InlineData(50000, 1, false)]
    public void IsLarge_FromFourMegapixels(int width, int height, bool expected)
    {
        Assert.Equal(expected, PictureMemory.IsLarge(width, height));
    }

    [Theory]
    [InlineData(4000, 4000, 512, 512)]
    [InlineData(4000, 1000, 512, 128)]
    [InlineData(100, 3000, 17, 512)]
    [InlineData(512, 300, 512, 300)]
    [InlineData(20, 10, 20, 10)]
    [InlineData(5000, 1, 512, 1)]
    public void Size_FitsTheLongerSideInto512NeverEnlarging(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), Thumbnails.Size(width, height));
    }

    private static double Mean(Image image, int channel)
    {
        double sum = 0;
        for (var i = channel; i < image.Pixels.Length; i += 4)
        {
            sum += image.Pixels[i];
        }

        return sum / (image.Width * image.Height) / 10;
    }
}
