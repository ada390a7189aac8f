using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class PaddleGradientTests
{
    [Fact]
    public void Classifier_InputGradientOfLogits_MatchesFiniteDifferences()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);
        var logits = model.Graph.Nodes.Single(n => n.OpType == "Softmax").Inputs[0];
        var random = new Random(21);
        var x = new FloatTensor(GradientChecker.RandomData(random, 3 * 48 * 192), 1, 3, 48, 192);

        var result = GradientChecker.Check(model, "x", x, logits, random, epsilon: 1e-3);

        Assert.True(result.Magnitude > 1e-2, result.ToString());
        GradientChecker.AssertMatches(result, 2e-2);
        Assert.True(Math.Abs(result.Analytic - result.Numeric) <= 0.03 * Math.Abs(result.Numeric), result.ToString());
    }

    [Fact]
    public void Classifier_ActivationAndInputGradients_AgreeWithTheChainRule()
    {
        // Requesting an activation A and the input together: <dA, dA/dx v> must equal <dx, v>, which checks that
        // the activation's gradient is the total over all its consumers (the SE blocks reuse activations).
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);
        var activation = model.Graph.Nodes.Last(n => n.OpType == "Conv").Outputs[0];
        var output = model.Graph.Outputs[0].Name;
        var random = new Random(22);
        var x = new FloatTensor(GradientChecker.RandomData(random, 3 * 48 * 192), 1, 3, 48, 192);
        var feeds = new Dictionary<string, FloatTensor> { ["x"] = x };
        var shapes = GradientChecker.StaticShapes(model, feeds);
        var seed = new FloatTensor([1f, -1f], 1, 2);

        var plan = GradientBuilder.Build(model, new GradientRequest([activation, "x"], output), shapes);
        var gradients = GradientChecker.RunPlan(plan, feeds, seed);

        Assert.Equal(shapes[activation], gradients[activation].Shape);
        Assert.Equal(output, plan.ForwardOutputs[0]);
        Assert.Equal(activation, plan.ForwardOutputs[1]);
        // Finite differences of the activation along v, dotted with its gradient, give <dx, v> by the chain rule.
        var v = GradientChecker.RandomData(random, x.ElementCount);
        using var session = InferenceSession.Open(model.WithOutputs([activation]).ToBytes(), "classifier");
        float[] Activation(double step)
        {
            var shifted = x.Data.Select((value, i) => (float)(value + (step * v[i]))).ToArray();
            return session.Run(new Dictionary<string, FloatTensor> { ["x"] = new FloatTensor(shifted, x.Shape) }, [activation])[0].Data;
        }

        var plus = Activation(1e-3);
        var minus = Activation(-1e-3);
        var dA = gradients[activation].Data;
        var throughActivation = Enumerable.Range(0, dA.Length).Sum(i => dA[i] * ((double)plus[i] - minus[i]) / 2e-3);
        var direct = Enumerable.Range(0, v.Length).Sum(i => (double)gradients["x"].Data[i] * v[i]);
        Assert.True(Math.Abs(throughActivation - direct) <= 2e-2 * Math.Abs(direct), $"through activation {throughActivation}, direct {direct}");
    }

    [Fact]
    public void Detector_MaskedOutputSum_MatchesFiniteDifferences()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleDetector);
        var input = model.Graph.Inputs[0].Name;
        var output = model.Graph.Outputs[0].Name;
        var random = new Random(23);
        // A dashed dark line on a light page: random noise alone leaves the probability map saturated at 0, where
        // every gradient vanishes and the check would prove nothing.
        var x = new FloatTensor(SyntheticTextLine(random), 1, 3, 64, 64);
        // Score = sum of the probability map inside a box around the line.
        var mask = new float[64 * 64];
        for (var row = 14; row < 36; row++)
        {
            for (var col = 4; col < 60; col++)
            {
                mask[(row * 64) + col] = 1f;
            }
        }

        var result = GradientChecker.Check(model, input, x, output, random, epsilon: 1e-3, weights: mask);

        Assert.True(result.Magnitude > 1e-2, result.ToString());
        GradientChecker.AssertMatches(result, 2e-2);
        Assert.True(Math.Abs(result.Analytic - result.Numeric) <= 0.03 * Math.Abs(result.Numeric), result.ToString());
    }

    [Fact]
    public void Recognizer_TransformerHead_MatchesFiniteDifferences()
    {
        // PP-OCRv4's recognizer (opset 9): decomposed LayerNorm (ReduceMean, Pow, Sqrt), attention MatMuls, Softmax,
        // Shape-driven Reshapes. Its many ReLU/Clip kinks need a small step for the differences to converge.
        var path = Path.Combine(Path.GetDirectoryName(RepoPaths.PaddleDetector)!, "ch_PP-OCRv4_rec_infer.onnx");
        var model = OnnxModel.Load(path);
        var random = new Random(24);
        var x = new FloatTensor(GradientChecker.RandomData(random, 3 * 48 * 160), 1, 3, 48, 160);

        var result = GradientChecker.Check(model, model.Graph.Inputs[0].Name, x, model.Graph.Outputs[0].Name, random, epsilon: 3e-4);

        Assert.True(result.Magnitude > 1e-2, result.ToString());
        Assert.True(Math.Abs(result.Analytic - result.Numeric) <= 0.03 * Math.Abs(result.Numeric), result.ToString());
    }

    private static float[] SyntheticTextLine(Random random)
    {
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];
        var data = new float[3 * 64 * 64];
        for (var channel = 0; channel < 3; channel++)
        {
            for (var row = 0; row < 64; row++)
            {
                for (var col = 0; col < 64; col++)
                {
                    var ink = row is >= 20 and < 30 && col is >= 8 and < 56 && col / 3 % 2 == 0;
                    var value = (ink ? 0.1f : 0.95f) + (float)(random.NextDouble() * 0.05);
                    data[(channel * 4096) + (row * 64) + col] = (value - mean[channel]) / std[channel];
                }
            }
        }

        return data;
    }
}
