using ModelAudit.Core.Analysis;
using ModelAudit.Core.IO;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis;

/// <summary>PaddleOCR's real orientation classifier on text lines we rendered: 0 = upright, 1 = rotated 180 degrees.</summary>
public sealed class PredictorTests
{
    /// <summary>How PaddleOCR feeds this model: height 48, keep aspect, pad right to 192, (x/255 - 0.5) / 0.5.</summary>
    internal static PreprocessOverrides PaddleClassifierPreprocessing { get; } = new()
    {
        Width = 192,
        Height = 48,
        Resize = ResizeMode.Pad,
        Scale = 1f / 255f,
        Mean = [0.5f, 0.5f, 0.5f],
        Std = [0.5f, 0.5f, 0.5f],
        PadValue = 127.5f,
    };

    private static string TextImage(string name) => Path.Combine(RepoPaths.TestData, "images", "text", name);

    [Fact]
    public void Predict_PaddleClassifier_TellsUprightFromUpsideDown()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PaddleClassifierPreprocessing, new SessionSettings { Device = ExecutionDevice.Cpu });
        var images = new[] { "invoice.png", "invoice-upside-down.png", "hello.png" }
            .Select(n => (n, ImageFiles.Load(TextImage(n)))).ToList();

        var predictions = Predictor.Predict(model.Runner, model.Spec, images, top: 2, labels: ["0", "180"]);

        Assert.Equal([0, 1, 0], predictions.Select(p => p.Top[0].Class));
        Assert.Equal("180", predictions[1].Top[0].Label);
        Assert.All(predictions, p => Assert.Equal(1f, p.Top.Sum(c => c.Probability), 4));
    }

    [Fact]
    public void Predict_PaddleClassifier_MatchesADirectSessionRun()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PaddleClassifierPreprocessing, new SessionSettings { Device = ExecutionDevice.Cpu });
        var image = ImageFiles.Load(TextImage("invoice.png"));
        var (data, shape, _) = Preprocessor.Batch([image], model.Spec);
        using var direct = InferenceSession.Open(RepoPaths.PaddleClassifier);
        var expected = direct.Run(new Dictionary<string, FloatTensor> { ["x"] = new(data, shape) }, [direct.Outputs[0].Name])[0].Data;

        var prediction = Predictor.Predict(model.Runner, model.Spec, [("invoice", image)], top: 2, labels: null)[0];

        Assert.Equal(expected[prediction.Top[0].Class], prediction.Top[0].Probability, 6);
        Assert.Equal(expected[prediction.Top[1].Class], prediction.Top[1].Probability, 6);
        // The model ends in Softmax, so the score is the logit feeding it: the log-ratio matches.
        Assert.Equal(MathF.Log(expected[0] / expected[1]), prediction.Top.Single(c => c.Class == 0).Score - prediction.Top.Single(c => c.Class == 1).Score, 3);
    }
}
