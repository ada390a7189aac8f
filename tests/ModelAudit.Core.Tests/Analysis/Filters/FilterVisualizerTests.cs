using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.Tests.Analysis;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Onnx;
using ModelAudit.Runtime;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class FilterVisualizerTests : IDisposable
{
    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>conv 3x3 (8) -> relu -> conv 3x3 stride 2 "c2" (6) -> relu -> global pool -> gemm (4) -> softmax, batch dynamic.</summary>
    private PreparedModel ConvNet(int seed = 3)
    {
        var path = temp.File($"convnet{seed}.onnx");
        var b = new ModelBuilder(opset: 13, seed: seed);
        var x = b.Input("x", ["N", "3", "16", "16"]);
        var h = b.Relu(b.Conv(x, outChannels: 8, kernel: 3, pad: 1, name: "c1"));
        h = b.Relu(b.Conv(h, outChannels: 6, kernel: 3, stride: 2, pad: 1, name: "c2"), name: "r2");
        var logits = b.Gemm(b.Flatten(b.GlobalAveragePool(h), axis: 1), 4, name: "head");
        b.Output(b.Softmax(logits, axis: 1, name: "prob"));
        b.Save(path);
        return PreparedModel.Open(path, PreprocessOverrides.None, Cpu);
    }

    [Fact]
    public void Layer_ConvNet_RaisesEveryFilterObjective()
    {
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);

        // The conv output, not its ReLU: a ReLU channel that is dead on grey noise has no gradient to climb.
        var patterns = visualizer.Layer("c2", [0, 1, 2, 3, 4, 5], new FilterAscentOptions(Size: 16, Steps: 10));

        Assert.Equal([0, 1, 2, 3, 4, 5], patterns.Select(p => p.Index));
        Assert.All(patterns, p => Assert.True(p.LastObjective > p.FirstObjective, $"filter {p.Index}: {p.FirstObjective} -> {p.LastObjective}"));
        Assert.All(patterns, p => Assert.Equal((16, 16), (p.Picture.Width, p.Picture.Height)));
        Assert.All(patterns, p => Assert.Equal([3L, 16, 16], p.TensorShape));
    }

    [Fact]
    public void Layer_SameSeed_IdenticalBytes_DifferentSeed_DifferentBytes()
    {
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);
        var options = new FilterAscentOptions(Size: 16, Steps: 4, Seed: 7, Robust: true);

        var first = visualizer.Layer("c2", [1, 2], options);
        var again = visualizer.Layer("c2", [1, 2], options);
        var other = visualizer.Layer("c2", [1, 2], options with { Seed = 8 });

        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Picture.Pixels, again[i].Picture.Pixels);
            Assert.Equal(first[i].Tensor, again[i].Tensor);
            Assert.NotEqual(first[i].Picture.Pixels, other[i].Picture.Pixels);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Layer_Batched_EqualsOneAtATime(bool robust)
    {
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);
        var options = new FilterAscentOptions(Size: 16, Steps: 6, Robust: robust, BatchSize: 4);
        int[] filters = [5, 0, 3, 1, 2];

        var batched = visualizer.Layer("r2", filters, options);
        var single = visualizer.Layer("r2", filters, options with { BatchSize = 1 });

        Assert.Equal(filters, batched.Select(p => p.Index));
        for (var i = 0; i < filters.Length; i++)
        {
            Assert.Equal(single[i].Index, batched[i].Index);
            Assert.Equal(single[i].Tensor, batched[i].Tensor, new FloatTolerance(1e-4f));
            Assert.Equal(single[i].LastObjective, batched[i].LastObjective, 3);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Layer_ReluLayer_FirstObjectiveIsTheCroppedChannelMeanOnTheStart_WithNoOtherSession(int steps)
    {
        // "r2" is a ReLU: the ascent climbs c2 and measures r2, both from its one gradient session (with steps, the
        // first objectives come from step 0's run). The reference is the plain model run on the returned start.
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);
        int[] filters = [0, 1, 2, 3, 4, 5];

        var start = visualizer.Layer("r2", filters, new FilterAscentOptions(Size: 16, Steps: 0));
        var patterns = visualizer.Layer("r2", filters, new FilterAscentOptions(Size: 16, Steps: steps));

        Assert.False(model.Runner.SessionOpened);
        Assert.Equal(0, model.Runner.ExposingSessions);
        var alive = 0;
        for (var i = 0; i < filters.Length; i++)
        {
            var r2 = model.Runner.Run(new FloatTensor(start[i].Tensor, [1, 3, 16, 16]), ["r2"])[0].Data;
            // r2 is 6 x 8 x 8; the crop drops a 1-pixel border (10% of 8, rounded), leaving 6 x 6.
            var sum = 0.0;
            for (var y = 1; y <= 6; y++)
            {
                for (var x = 1; x <= 6; x++)
                {
                    sum += r2[(filters[i] * 64) + (y * 8) + x];
                }
            }

            alive += sum > 0 ? 1 : 0;
            Assert.Equal((float)(sum / 36), patterns[i].FirstObjective, 4);
        }

        // Dead channels compare 0 with 0; the test means something only if some are alive on the noise.
        Assert.True(alive >= 2, $"only {alive} channel(s) of r2 respond to the starting noise");
    }

    [Fact]
    public void Layer_RedOnlyFilter_RaisesRedByTheNormalizedStepAndLeavesGreenAndBlue()
    {
        // A 1x1 conv with weights (1, 0, 0) reads only red. On its 8x8 map the crop keeps the inner 6x6
        // (margin 1), so d loss / d x is 1/36 on 36 red pixels and 0 on the other 156 of 192 elements:
        // rms = (1/36) * sqrt(36/192), so each step adds (1/36) / (rms + 1e-5) pixel levels to those red pixels.
        var path = temp.File("red.onnx");
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", ["N", "3", "8", "8"]);
        b.Output(b.Conv(x, outChannels: 1, kernel: 1, weights: [1, 0, 0], bias: [0], name: "red"));
        b.Save(path);
        var overrides = new PreprocessOverrides { Mean = [0.2f, 0.3f, 0.4f], Std = [0.5f, 0.25f, 0.125f] };
        using var model = PreparedModel.Open(path, overrides, Cpu);
        using var visualizer = new FilterVisualizer(model, Cpu);
        const int Steps = 5;

        var start = visualizer.Layer("red", [0], new FilterAscentOptions(Size: 8, Steps: 0, Seed: 4))[0];
        var end = visualizer.Layer("red", [0], new FilterAscentOptions(Size: 8, Steps: Steps, Seed: 4))[0];

        var perStepPixels = (float)(1.0 / 36 / ((Math.Sqrt(36.0 / 192) / 36) + 1e-5));
        for (var y = 0; y < 8; y++)
        {
            for (var xx = 0; xx < 8; xx++)
            {
                var p = (y * 8) + xx;
                var inside = y is >= 1 and <= 6 && xx is >= 1 and <= 6;
                // Tensor units: one pixel level is scale / std = (1/255) / 0.5 for red.
                var expectedRed = inside ? Steps * perStepPixels / 255f / 0.5f : 0f;
                Assert.Equal(expectedRed, end.Tensor[p] - start.Tensor[p], 4);
                Assert.Equal(start.Tensor[64 + p], end.Tensor[64 + p]);
                Assert.Equal(start.Tensor[128 + p], end.Tensor[128 + p]);
            }
        }

        // The objective is the mean red tensor value of the crop, so it rises by exactly that much.
        Assert.Equal(Steps * perStepPixels / 255f / 0.5f, end.LastObjective - start.LastObjective, 4);
        Assert.Equal(start.FirstObjective, start.LastObjective);
    }

    [Fact]
    public void Layer_StartingNoise_IsGreyPlusTwentyLevelsMappedThroughThePreprocessing()
    {
        var overrides = new PreprocessOverrides { Mean = [0.5f, 0.5f, 0.5f], Std = [0.25f, 0.25f, 0.25f] };
        var path = temp.File("net.onnx");
        var b = new ModelBuilder(opset: 13);
        b.Output(b.Conv(b.Input("x", ["N", "3", "8", "8"]), outChannels: 2, kernel: 3, name: "c"));
        b.Save(path);
        using var model = PreparedModel.Open(path, overrides, Cpu);
        using var visualizer = new FilterVisualizer(model, Cpu);

        var start = visualizer.Layer("c", [1], new FilterAscentOptions(Size: 8, Steps: 0))[0];

        var pixels = start.Tensor.Select(t => ((t * 0.25f) + 0.5f) * 255f).ToArray();
        Assert.All(pixels, p => Assert.InRange(p, 128f - 1e-3f, 148f + 1e-3f));
        Assert.True(pixels.Max() - pixels.Min() > 15f, "the noise should span most of its 20 levels");
    }

    [Fact]
    public void Layer_NhwcInput_GivesTheSamePatternAsTheNchwTwin()
    {
        // The same conv behind a Transpose from NHWC: the noise is drawn per channel, row, column whatever
        // the layout, and steps are taken element by element, so both models must climb to the same image.
        IReadOnlyList<FilterPattern> Run(bool nhwc)
        {
            var path = temp.File(nhwc ? "nhwc.onnx" : "nchw.onnx");
            var b = new ModelBuilder(opset: 13, seed: 9);
            var x = nhwc ? b.Input("x", ["N", "8", "8", "3"]) : b.Input("x", ["N", "3", "8", "8"]);
            if (nhwc)
            {
                x = b.Node("Transpose", [x], 1, ("perm", new long[] { 0, 3, 1, 2 }))[0];
                b.SetShape(x, -1, 3, 8, 8);
            }

            b.Output(b.Conv(x, outChannels: 4, kernel: 3, pad: 1, name: "c"));
            b.Save(path);
            using var model = PreparedModel.Open(path, new PreprocessOverrides { Mean = [0.1f, 0.2f, 0.3f], Std = [0.3f, 0.2f, 0.1f] }, Cpu);
            Assert.Equal(nhwc ? TensorLayout.Nhwc : TensorLayout.Nchw, model.Spec.Layout);
            using var visualizer = new FilterVisualizer(model, Cpu);
            return visualizer.Layer("c", [0, 3], new FilterAscentOptions(Size: 8, Steps: 5));
        }

        var planar = Run(nhwc: false);
        var interleaved = Run(nhwc: true);

        for (var i = 0; i < planar.Count; i++)
        {
            Assert.Equal(planar[i].Tensor, interleaved[i].Tensor, new FloatTolerance(1e-4f));
            Assert.Equal(planar[i].LastObjective, interleaved[i].LastObjective, 3);
        }
    }

    [Fact]
    public void Classes_ConvNet_RaisesEachClassLogit()
    {
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);

        var patterns = visualizer.Classes([0, 1, 2, 3], new FilterAscentOptions(Size: 16, Steps: 20));

        // Independent check: a plain session over the model, asked for the Gemm output (the logits feeding
        // the Softmax), reads the same logit on each final image as the objective reported.
        using var session = InferenceSession.Open(model.Runner.Model.WithOutputs(["head"]).ToBytes(), "logits", Cpu);
        foreach (var p in patterns)
        {
            Assert.True(p.LastObjective > p.FirstObjective + 0.01f, $"class {p.Index}: {p.FirstObjective} -> {p.LastObjective}");
            var logits = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new(p.Tensor, 1, 3, 16, 16) }, ["head"])[0].Data;
            Assert.Equal(logits[p.Index], p.LastObjective, 4);
        }
    }

    [Fact]
    public void Layer_FilterPastTheChannelCount_ThrowsNamingTheCount()
    {
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);

        var e = Assert.Throws<ModelAuditException>(() => visualizer.Layer("c2", [2, 6], new FilterAscentOptions(Size: 16, Steps: 1)));

        Assert.Contains("6 channels", e.Message, StringComparison.Ordinal);
        Assert.Contains("convnet3.onnx", e.Message, StringComparison.Ordinal);
        Assert.Equal(6, visualizer.LayerChannels("c2", new FilterAscentOptions(Size: 16)));
        Assert.Equal(4, visualizer.ClassCount(new FilterAscentOptions(Size: 16)));
    }

    [Fact]
    public void Layer_UnknownLayer_ThrowsNamingIt()
    {
        using var model = ConvNet();
        using var visualizer = new FilterVisualizer(model, Cpu);

        var e = Assert.Throws<ModelAuditException>(() => visualizer.Layer("nope", [0], new FilterAscentOptions(Size: 16)));

        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_PaddleClassifierMiddleConv_RaisesEveryObjective()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, Cpu);
        var convs = model.Runner.Model.Graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        var middle = convs[convs.Count / 2];
        using var visualizer = new FilterVisualizer(model, Cpu);

        var patterns = visualizer.Layer(middle.Outputs[0], [0, 1, 2, 3], new FilterAscentOptions(Size: 48, Steps: 4, BatchSize: 4));

        Assert.All(patterns, p => Assert.True(p.LastObjective > p.FirstObjective, $"{middle.DisplayName} filter {p.Index}: {p.FirstObjective} -> {p.LastObjective}"));
        Assert.All(patterns, p => Assert.Equal((48, 48), (p.Picture.Width, p.Picture.Height)));
    }

    [Fact]
    public void Classes_PaddleClassifier_RaisesBothOrientationLogits()
    {
        using var model = PreparedModel.Open(RepoPaths.PaddleClassifier, PredictorTests.PaddleClassifierPreprocessing, Cpu);
        using var visualizer = new FilterVisualizer(model, Cpu);

        var patterns = visualizer.Classes([0, 1], new FilterAscentOptions(Size: 48, Steps: 4));

        Assert.All(patterns, p => Assert.True(p.LastObjective > p.FirstObjective, $"class {p.Index}: {p.FirstObjective} -> {p.LastObjective}"));
    }
}
