using Microsoft.ML.OnnxRuntime;
using ModelAudit.Runtime.Tests.Models;
using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests;

/// <summary>The OrtValue side of the facade: outputs that stay ONNX Runtime's, IO binding, optimized-model files.</summary>
public class InferenceSessionValuesTests
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private static readonly byte[] Relu = new TinyModel().Input("x", 4).Output("y", 4).Node("Relu", ["x"], ["y"]).Build();

    private static readonly byte[] Negate = new TinyModel().Input("x", 4).Output("y", 4).Node("Neg", ["x"], ["y"]).Build();

    [Fact]
    public void RunValues_OutputReadInPlace_HandComputedRelu()
    {
        using var session = InferenceSession.Open(Relu, "relu.onnx", Cpu);
        using var x = OrtValue.CreateTensorValueFromMemory(new float[] { -1, 2, -3, 4 }, [4]);

        using var outputs = session.RunValues(new Dictionary<string, OrtValue> { ["x"] = x }, ["y"]);

        Assert.Equal(new[] { "y" }, outputs.Names);
        Assert.Equal(new long[] { 4 }, outputs.Shape(0));
        Assert.Equal(new float[] { 0, 2, 0, 4 }, outputs.Floats(0).ToArray());
        Assert.Equal(new float[] { 0, 2, 0, 4 }, outputs.ReadFloat(0).Data);
    }

    [Fact]
    public void RunValues_TakenOutputFedToASecondSession_ChainsWithoutManagedCopies()
    {
        using var negate = InferenceSession.Open(Negate, "neg.onnx", Cpu);
        using var relu = InferenceSession.Open(Relu, "relu.onnx", Cpu);
        using var x = OrtValue.CreateTensorValueFromMemory(new float[] { -1, 2, -3, 4 }, [4]);

        using var negated = negate.RunValues(new Dictionary<string, OrtValue> { ["x"] = x }, ["y"]).TakeAndDispose(0);
        using var result = relu.RunValues(new Dictionary<string, OrtValue> { ["x"] = negated }, ["y"]);

        Assert.Equal(new float[] { 1, 0, 3, 0 }, result.ReadFloat(0).Data);
    }

    [Fact]
    public void RunValues_UnknownInput_NamesItBeforeOrt()
    {
        using var session = InferenceSession.Open(Relu, "relu.onnx", Cpu);
        using var x = OrtValue.CreateTensorValueFromMemory(new float[4], [4]);

        var error = Assert.Throws<OrtException>(() => session.RunValues(new Dictionary<string, OrtValue> { ["z"] = x }, ["y"]));

        Assert.Contains("relu.onnx has no input 'z'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_InputArrayChangedBetweenRuns_SecondRunSeesTheNewValues()
    {
        using var session = InferenceSession.Open(Relu, "relu.onnx", Cpu);
        float[] data = [-1, 2, -3, 4];
        using var binding = session.CreateBinding();
        binding.BindInput("x", new FloatTensor(data, 4));
        binding.BindOutputOnDevice("y");

        using (var first = binding.Run())
        {
            Assert.Equal(new float[] { 0, 2, 0, 4 }, first.ReadFloat(0).Data);
        }

        // Bound without a copy: the same pinned array is read again.
        data[0] = 5;
        using var second = binding.Run();
        Assert.Equal(new float[] { 5, 2, 0, 4 }, second.ReadFloat(0).Data);
    }

    [Fact]
    public void Open_OptimizedModelPathInOrtFormat_WritesALoadableModelThatComputesTheSame()
    {
        using var dir = new TempDir();
        var optimized = dir.File("relu.opt.ort");
        var settings = Cpu with
        {
            OptimizedModelPath = optimized,
            ConfigEntries = new Dictionary<string, string> { ["session.save_model_format"] = "ORT" },
        };
        using (InferenceSession.Open(Relu, "relu.onnx", settings))
        {
        }

        // ORT format files carry the flatbuffer identifier "ORTM" at offset 4: proves the config entry was applied.
        var bytes = File.ReadAllBytes(optimized);
        Assert.Equal("ORTM", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        using var reopened = InferenceSession.Open(optimized, Cpu with { OptimizeGraph = false });
        var y = reopened.Run(new Dictionary<string, FloatTensor> { ["x"] = new([-1, 2, -3, 4], 4) }, ["y"])[0];
        Assert.Equal(new float[] { 0, 2, 0, 4 }, y.Data);
    }

    [Fact]
    public void OrtLog_ModelWithUnusedInitializer_WarningReachesTheSinkAsPlainText()
    {
        var lines = new List<string>();
        var bytes = new TinyModel().Input("x", 2).Output("y", 2).Initializer("unused_weight_7f3a", [1, 2], 2)
            .Node("Relu", ["x"], ["y"]).Build();
        var previous = OrtLog.Sink;
        OrtLog.Sink = (severity, line) =>
        {
            if (line.Contains("unused_weight_7f3a", StringComparison.Ordinal))
            {
                lock (lines)
                {
                    lines.Add($"{severity}: {line}");
                }
            }
        };
        try
        {
            using var session = InferenceSession.Open(bytes, "unused.onnx", Cpu);
        }
        finally
        {
            OrtLog.Sink = previous;
        }

        var line = Assert.Single(lines);
        Assert.StartsWith("Warning: onnxruntime: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
    }

    [Fact]
    public void StripAnsi_ColouredLine_PlainText()
    {
        Assert.Equal("warn: text", OrtLog.StripAnsi("\u001b[0;93mwarn: text\u001b[m"));
    }
}
