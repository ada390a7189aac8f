using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Fused;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Autodiff.Fused;

public sealed class FusedGradientBuilderTests
{
    // y = flatten(x) W^T + b over a 1x2x2 image: d y_k / d x = W[k], whatever x is.
    private static readonly float[] HeadWeights = [1, 2, 3, 4, -5, 6, -7, 8, 0.5f, -0.5f, 0.25f, 2];

    private static OnnxModel LinearHead(long opset = 13)
    {
        var b = new ModelBuilder(opset);
        var x = b.Input("x", ["N", "1", "2", "2"]);
        b.Output(b.Softmax(b.Gemm(b.Flatten(x, axis: 1), 3, weights: HeadWeights, bias: [0, 0, 0], name: "logits"), axis: 1, name: "prob"));
        return b.Build();
    }

    private static IReadOnlyDictionary<string, long[]> Shapes(OnnxModel model, FloatTensor x) =>
        GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { ["x"] = x });

    [Fact]
    public void Build_TopClassSeed_GradientIsEachRowsArgMaxWeightRow()
    {
        var model = LinearHead();
        var x = new FloatTensor([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 4], 3, 1, 2, 2);
        var fused = FusedGradientBuilder.Build(model, new GradientRequest(["x"], "logits"), Shapes(model, x), SeedKind.TopClass);
        using var session = InferenceSession.Open(fused.Model, "fused");

        var outputs = session.Run(new Dictionary<string, FloatTensor> { ["x"] = x }, ["logits", fused.GradientOutputs["x"]]);

        // Logits by hand: row 0 = column 0 of W = [1, -5, 0.5] -> class 0; row 1 = W[:,1] + W[:,3] = [6, 14, 1.5] -> class 1;
        // row 2 = 4 * W[:,3] = [16, 32, 8] -> class 1.
        Assert.Equal(new float[] { 1, -5, 0.5f, 6, 14, 1.5f, 16, 32, 8 }, outputs[0].Data);
        Assert.Equal(HeadWeights[0..4].Concat(HeadWeights[4..8]).Concat(HeadWeights[4..8]).ToArray(), outputs[1].Data);
    }

    [Fact]
    public void Build_SymbolicInputDims_FusedModelDeclaresTheShapeItWasBuiltFor()
    {
        // The model declares [N, 1, 2, 2]; the fused model serves batches of 3 only, and says so, so that ONNX
        // Runtime can prove gradients and forward tensors the same shape (its blocked layout needs that).
        var model = LinearHead();
        var x = new FloatTensor(new float[12], 3, 1, 2, 2);
        var fused = FusedGradientBuilder.Build(model, new GradientRequest(["x"], "logits"), Shapes(model, x), SeedKind.TopClass);

        var input = Onnx.Proto.ModelProto.Parser.ParseFrom(fused.Model).Graph.Input.Single(i => i.Name == "x");

        Assert.Equal([3L, 1, 2, 2], input.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        Assert.All(input.Type.TensorType.Shape.Dim, d => Assert.True(string.IsNullOrEmpty(d.DimParam)));
    }

    [Fact]
    public void Build_ClassInput_GradientIsTheGivenClassesWeightRows()
    {
        var model = LinearHead();
        var x = new FloatTensor(new float[8], 2, 1, 2, 2);
        var fused = FusedGradientBuilder.Build(model, new GradientRequest(["x"], "logits"), Shapes(model, x), SeedKind.ClassInput);
        using var session = InferenceSession.Open(fused.Model, "fused");

        var gradient = session.Run(
            new Dictionary<string, FloatTensor> { ["x"] = x, [fused.ClassInput!] = new FloatTensor([2, 0], 2) },
            [fused.GradientOutputs["x"]])[0];

        Assert.Equal(HeadWeights[8..12].Concat(HeadWeights[0..4]).ToArray(), gradient.Data);
    }

    [Fact]
    public void Build_DenseScoredValueWithTopClass_MatchesTheTwoModelPlanSeededByHand()
    {
        // A dense head [N, 3, 4, 4]: the class of a row is the channel with the largest sum over H, W; the one-hot
        // row is broadcast over H, W. Compared with the two-model plan fed the same seed computed by hand.
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("x", ["N", "2", "4", "4"]);
        var h = b.Relu(b.Conv(x, 4, kernel: 3, pad: 1, name: "c1"), name: "h");
        b.Output(b.Conv(h, 3, kernel: 1, name: "dense"));
        var model = b.Build();
        var random = new Random(3);
        var input = new FloatTensor(GradientChecker.RandomData(random, 2 * 2 * 16), 2, 2, 4, 4);
        var shapes = Shapes(model, input);
        var request = new GradientRequest(["h", "x"], "dense");
        var fused = FusedGradientBuilder.Build(model, request, shapes, SeedKind.TopClass);
        using var session = InferenceSession.Open(fused.Model, "fused");

        var outputs = session.Run(new Dictionary<string, FloatTensor> { ["x"] = input },
            ["dense", "h", fused.GradientOutputs["h"], fused.GradientOutputs["x"]]);

        var dense = outputs[0].Data;
        var seed = new float[dense.Length];
        for (var n = 0; n < 2; n++)
        {
            var sums = Enumerable.Range(0, 3).Select(k => dense.AsSpan((n * 48) + (k * 16), 16).ToArray().Sum()).ToList();
            seed.AsSpan((n * 48) + (sums.IndexOf(sums.Max()) * 16), 16).Fill(1f);
        }

        var expected = GradientChecker.RunPlan(GradientBuilder.Build(model, request, shapes),
            new Dictionary<string, FloatTensor> { ["x"] = input }, new FloatTensor(seed, 2, 3, 4, 4));
        AssertClose(expected["h"].Data, outputs[2].Data);
        AssertClose(expected["x"].Data, outputs[3].Data);
        Assert.Equal(shapes["h"], outputs[1].Shape);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst <= 1e-5f, $"largest difference {worst}");
        Assert.Contains(expected, v => v != 0);
    }

    [Fact]
    public void Build_SmallResidualNetwork_InputGradientMatchesFiniteDifferences()
    {
        // Conv, BatchNormalization, Relu, MaxPool, a residual Add, GlobalAveragePool, Gemm: the layers of a ResNet,
        // at opset 13, differentiated by the fused model (GradientChecker checks it beside the two-model plan).
        var b = new ModelBuilder(opset: 13, seed: 9);
        var x = b.Input("x", ["N", "3", "16", "16"]);
        var y = b.Relu(b.BatchNormalization(b.Conv(x, 8, kernel: 3, stride: 2, pad: 1, hasBias: false)));
        y = b.MaxPool(y, kernel: 3, stride: 2, pad: 1);
        var z = b.BatchNormalization(b.Conv(b.Relu(b.Conv(y, 8, kernel: 3, pad: 1)), 8, kernel: 3, pad: 1));
        y = b.Relu(b.Add(z, y));
        b.Output(b.Gemm(b.Flatten(b.GlobalAveragePool(y)), 5, name: "logits"));
        var model = b.Build();

        var result = GradientChecker.Check(model, "x", [2, 3, 16, 16], "logits", seed: 4);

        // Whole networks get the tolerance of the other whole-model checks (ReLU and MaxPool kinks in float32).
        Assert.NotNull(result.FusedAnalytic);
        GradientChecker.AssertMatches(result, 2e-2);
        Assert.True(Math.Abs(result.FusedAnalytic.Value - result.Analytic) <= 1e-4 * result.Magnitude, result.ToString());
    }

    [Fact]
    public void Build_ConstantNodeWeights_ForwardConstantsAreNotDuplicated()
    {
        // Weights given as Constant nodes (as PaddleOCR writes them) and as initializers: the backward graph copies
        // the ones it needs in by name, and the merged graph must keep exactly one definition of each.
        var b = new NetBuilder(opset: 13, seed: 2);
        var x = b.Input("x", 1, 2, 3, 3);
        var w = b.Floats(GradientChecker.RandomData(b.Random, 4 * 2 * 3 * 3), [4, 2, 3, 3], asConstantNode: true);
        var scale = b.Floats(GradientChecker.RandomData(b.Random, 4 * 3 * 3), [1, 4, 3, 3]);
        var y = b.Node("Mul", [b.Node("Conv", [x, w], Attr.Ints("pads", [1, 1, 1, 1])), scale]);
        b.Output(y);
        var model = b.Build();

        var result = GradientChecker.Check(model, "x", [1, 2, 3, 3], y, seed: 6);

        GradientChecker.AssertMatches(result);
        var fused = FusedGradientBuilder.Build(model, new GradientRequest(["x"], y),
            GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { ["x"] = new(new float[18], 1, 2, 3, 3) }), SeedKind.Tensor);
        var merged = OnnxModel.Parse(fused.Model, "fused");
        var defined = merged.Proto.Graph.Node.SelectMany(n => n.Output).Concat(merged.Proto.Graph.Initializer.Select(i => i.Name)).ToList();
        Assert.Equal(defined.Count, defined.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Build_Outputs_AreOnlyTheScoredValueTheActivationsAndTheirGradients()
    {
        var model = LinearHead();
        var x = new FloatTensor(new float[4], 1, 1, 2, 2);
        var fused = FusedGradientBuilder.Build(model, new GradientRequest(["x"], "logits"), Shapes(model, x), SeedKind.TopClass);

        var merged = OnnxModel.Parse(fused.Model, "fused");

        Assert.Equal(["logits", fused.GradientOutputs["x"]], merged.Graph.Outputs.Select(o => o.Name));
        Assert.Equal(["x"], merged.Graph.Inputs.Select(i => i.Name));
        Assert.Equal(17, merged.OpsetOf(string.Empty));
        Assert.Empty(fused.ValueOutputs);
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, true)]
    [InlineData(17, true)]
    public void CanFuse_ByDefaultDomainOpset_OnlyThirteenToSeventeen(long opset, bool expected) =>
        Assert.Equal(expected, FusedGradientBuilder.CanFuse(LinearHead(opset)));

    [Fact]
    public void Build_Opset11Model_ThrowsNamingTheOpset()
    {
        var model = LinearHead(11);
        var x = new FloatTensor(new float[4], 1, 1, 2, 2);

        var error = Assert.Throws<ArgumentException>(() =>
            FusedGradientBuilder.Build(model, new GradientRequest(["x"], "logits"), Shapes(model, x), SeedKind.TopClass));

        Assert.Contains("opset 13..17, the model has 11", error.Message, StringComparison.Ordinal);
    }
}
