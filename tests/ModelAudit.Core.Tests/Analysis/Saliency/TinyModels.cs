using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Saliency;

/// <summary>Hand-made models with a dynamic batch axis, whose gradients and scores can be worked out on paper.</summary>
internal static class TinyModels
{
    public static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    /// <summary>Two classes over a 3x2x2 input: logits = W x + b, then Softmax. Rows of W are the class gradients.</summary>
    public static readonly float[] LinearWeights =
    [
        0.5f, -1f, 2f, 0.25f, 1.5f, -0.5f, 0f, 1f, -2f, 0.75f, 1.25f, -1.5f,
        -0.5f, 1f, -2f, 0.5f, 0.25f, 2f, -1f, 0.5f, 1f, -0.25f, 0.5f, 1.75f,
    ];

    public static readonly float[] LinearBias = [0.5f, -0.5f];

    public static PreparedModel Linear(TempDir temp, string batch = "N")
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", [batch, "3", "2", "2"]);
        var logits = b.Gemm(b.Flatten(x, axis: 1), 2, weights: LinearWeights, bias: LinearBias, name: "logits");
        b.Output(b.Softmax(logits, axis: 1, name: "probabilities"));
        return Open(b, temp, "linear.onnx");
    }

    /// <summary>One pixel, three channels: score = w2 . relu(W1 x), no biases.</summary>
    public static PreparedModel ReluNet(TempDir temp, float[] w1, float[] w2)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", ["N", "3", "1", "1"]);
        var h = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: w1, hasBias: false, name: "c1"), name: "h");
        b.Output(b.Flatten(b.Conv(h, outChannels: 1, kernel: 1, weights: w2, hasBias: false, name: "c2"), axis: 1));
        return Open(b, temp, "relu.onnx");
    }

    /// <summary>Conv 3x3 -> Relu -> global average pool -> Gemm over 3 classes, seeded weights, 6x6 input.</summary>
    public static PreparedModel ConvNet(TempDir temp, PreprocessOverrides? preprocessing = null)
    {
        var b = new ModelBuilder(opset: 13, seed: 7);
        var x = b.Input("x", ["N", "3", "6", "6"]);
        var features = b.Relu(b.Conv(x, outChannels: 4, kernel: 3, pad: 1, name: "conv"), name: "features");
        b.Output(b.Gemm(b.Flatten(b.GlobalAveragePool(features), axis: 1), 3, name: "logits"));
        return Open(b, temp, "convnet.onnx", preprocessing);
    }

    public static Image RandomImage(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image(width, height);
        random.NextBytes(image.Pixels);
        for (var i = 3; i < image.Pixels.Length; i += 4)
        {
            image.Pixels[i] = 255;
        }

        return image;
    }

    public static Image Solid(int width, int height, byte r, byte g, byte b)
    {
        var image = new Image(width, height);
        for (var i = 0; i < image.Pixels.Length; i += 4)
        {
            (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2], image.Pixels[i + 3]) = (r, g, b, 255);
        }

        return image;
    }

    /// <summary>The model's chosen output for one preprocessed tensor, straight from ONNX Runtime.</summary>
    public static float[] Scores(PreparedModel model, float[] tensor, string? value = null) =>
        model.Runner.Run(new FloatTensor(tensor, model.InputShape(1)), [value ?? model.Runner.Output.Name])[0].Data;

    public static float[] Tensor(PreparedModel model, Image image)
    {
        var tensor = new float[model.InputShape(1).Aggregate(1L, (a, c) => a * c)];
        Preprocessor.Fill(image, model.Spec, tensor);
        return tensor;
    }

    private static PreparedModel Open(ModelBuilder b, TempDir temp, string file, PreprocessOverrides? preprocessing = null)
    {
        var path = temp.File(file);
        b.Save(path);
        return PreparedModel.Open(path, preprocessing ?? PreprocessOverrides.None, Cpu);
    }
}
