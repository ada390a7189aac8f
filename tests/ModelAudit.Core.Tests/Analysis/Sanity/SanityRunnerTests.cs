using System.Security.Cryptography;
using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Sanity;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Tests.Analysis.Cams;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Sanity;

public sealed class SanityRunnerTests
{
    [Fact]
    public void Run_GradCamOfTheTrainedPaddleClassifier_DependsOnItsWeightsAndLeavesTheFileAlone()
    {
        var before = SHA256.HashData(File.ReadAllBytes(RepoPaths.PaddleClassifier));
        var images = new[] { "invoice.png", "invoice-upside-down.png" }
            .Select(n => (n, ImageDecoder.Decode(Path.Combine(RepoPaths.TestData, "images", "text", n)))).ToList();
        var request = new CamRequest(CamMethod.GradCam, "relu_3.tmp_0", ClassChoice.Top, ScoreKind.Logit);

        var result = SanityRunner.Run(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu,
            images, request, new SanityOptions { Layers = 2, Seed = 4 });

        Assert.Equal([1, 2], result.Steps.Select(s => s.Layers));
        Assert.All(result.Steps, s => Assert.False(string.IsNullOrEmpty(s.Layer)));
        Assert.True(result.DependsOnWeights(), string.Join("; ", result.Steps));
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(RepoPaths.PaddleClassifier)));
    }

    [Fact]
    public void Run_SameSeed_SameCorrelations()
    {
        var images = new[] { ("invoice.png", ImageDecoder.Decode(Path.Combine(RepoPaths.TestData, "images", "text", "invoice.png"))) };
        var request = new CamRequest(CamMethod.GradCam, "relu_3.tmp_0", ClassChoice.Top, ScoreKind.Logit);
        var options = new SanityOptions { Layers = 1, Seed = 9 };

        var once = SanityRunner.Run(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu, images, request, options);
        var again = SanityRunner.Run(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, CamTestModels.Cpu, images, request, options);

        Assert.Equal(once.Steps, again.Steps);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(3, 1.5)]
    public void Validate_OutOfRange_Throws(int layers, double threshold) =>
        Assert.Throws<ModelAuditException>(() => new SanityOptions { Layers = layers, Threshold = threshold }.Validate());
}
