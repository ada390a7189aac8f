using Google.Protobuf;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Fused;
using ModelAudit.Onnx.Proto;
using ModelAudit.Onnx.Tests.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Editing;

/// <summary>A fused model keeps only what its outputs need: ONNX Runtime would run (and prepack) the rest on every step.</summary>
public sealed class LiveGraphTests
{
    /// <summary>x -> conv -> relu "h" -> pool -> gemm "logits" -> softmax "prob": "h" needs none of the head.</summary>
    private static OnnxModel WithHead()
    {
        var b = new ModelBuilder(opset: 13, seed: 7);
        var x = b.Input("x", ["N", "2", "6", "6"]);
        var h = b.Relu(b.Conv(x, 3, kernel: 3, pad: 1, name: "c1"), name: "h");
        b.Output(b.Softmax(b.Gemm(b.Flatten(b.GlobalAveragePool(h, name: "pool"), axis: 1, name: "flat"), 4, name: "logits"), axis: 1, name: "prob"));
        return b.Build();
    }

    private static IReadOnlyDictionary<string, long[]> Shapes(OnnxModel model) =>
        GradientChecker.StaticShapes(model, new Dictionary<string, FloatTensor> { ["x"] = new(new float[2 * 2 * 36], 2, 2, 6, 6) });

    [Fact]
    public void Build_InnerScoredValue_DropsTheHeadAndItsWeights()
    {
        var model = WithHead();
        var gemmWeights = model.Proto.Graph.Node.Single(n => n.OpType == "Gemm").Input.Skip(1).ToList();

        var fused = OnnxModel.Parse(FusedGradientBuilder.Build(model, new GradientRequest(["x"], "h"), Shapes(model), SeedKind.Tensor).Model, "fused");

        var ops = fused.Proto.Graph.Node.Select(n => n.OpType).ToList();
        Assert.Contains("Conv", ops);
        Assert.DoesNotContain("GlobalAveragePool", ops);
        Assert.DoesNotContain("Gemm", ops);
        Assert.DoesNotContain("Softmax", ops);
        Assert.DoesNotContain(fused.Proto.Graph.Initializer, t => gemmWeights.Contains(t.Name));
    }

    [Fact]
    public void Build_ScoredOutput_KeepsEveryNode()
    {
        var model = WithHead();

        var fused = OnnxModel.Parse(FusedGradientBuilder.Build(model, new GradientRequest(["x"], "prob"), Shapes(model), SeedKind.Tensor).Model, "fused");

        var forward = fused.Proto.Graph.Node.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(model.Proto.Graph.Node, n => Assert.Contains(n.Name, forward));
    }

    [Fact]
    public void Build_InnerScoredValue_GradientMatchesFiniteDifferences()
    {
        // The pruned fused model against central differences of the unpruned model (GradientChecker runs both).
        var result = GradientChecker.Check(WithHead(), "x", [2, 2, 6, 6], "h", seed: 4);

        Assert.NotNull(result.FusedAnalytic);
        GradientChecker.AssertMatches(result);
    }

    [Fact]
    public void Build_DroppedInitializerListedAsGraphInput_IsNotLeftAsAnInputToFeed()
    {
        // IR < 4 models list their initializers among the graph inputs too.
        var proto = WithHead().Proto.Clone();
        foreach (var init in proto.Graph.Initializer)
        {
            proto.Graph.Input.Add(new ValueInfoProto
            {
                Name = init.Name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = init.DataType, Shape = Shape(init.Dims) } },
            });
        }

        var model = OnnxModel.Parse(proto.ToByteArray(), "ir3");
        var fused = FusedGradientBuilder.Build(model, new GradientRequest(["x"], "h"), Shapes(model), SeedKind.Tensor);
        using var session = InferenceSession.Open(fused.Model, "fused");

        var x = new FloatTensor(GradientChecker.RandomData(new Random(2), 2 * 2 * 36), 2, 2, 6, 6);
        var seed = new FloatTensor(Enumerable.Repeat(1f, 2 * 3 * 36).ToArray(), 2, 3, 6, 6);
        var gradient = session.Run(new Dictionary<string, FloatTensor> { ["x"] = x, [fused.SeedInput!] = seed }, [fused.GradientOutputs["x"]])[0];

        Assert.Equal(x.Shape, gradient.Shape);
        Assert.DoesNotContain(OnnxModel.Parse(fused.Model, "fused").Proto.Graph.Input, i => i.Name.Contains("logits", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_InnerValue_KeepsItsNodesAndComputesTheSameValues()
    {
        var model = WithHead();
        var x = new FloatTensor(GradientChecker.RandomData(new Random(5), 2 * 2 * 36), 2, 2, 6, 6);
        using var whole = InferenceSession.Open(model.WithOutputs(["h"]).ToBytes(), "whole");

        var part = model.Truncated(["h"]);

        Assert.Equal(["Conv", "Relu"], part.Proto.Graph.Node.Select(n => n.OpType));
        Assert.Equal(["h"], part.Proto.Graph.Output.Select(o => o.Name));
        using var session = InferenceSession.Open(part.ToBytes(), "part");
        var feeds = new Dictionary<string, FloatTensor> { ["x"] = x };
        Assert.Equal(whole.Run(feeds, ["h"])[0].Data, session.Run(feeds, ["h"])[0].Data);
    }

    [Fact]
    public void Truncated_NotANodeOutput_Throws() =>
        Assert.Throws<ArgumentException>(() => WithHead().Truncated(["x"]));

    private static TensorShapeProto Shape(IEnumerable<long> dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return shape;
    }
}
