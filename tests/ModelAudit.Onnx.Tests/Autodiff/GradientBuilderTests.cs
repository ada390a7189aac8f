using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Autodiff;

public class GradientBuilderTests
{
    [Fact]
    public void Build_TinyGemmReluNet_GivesTheHandComputedGradient()
    {
        // pre = x W + b = [1, -2] [[1, 2], [3, -1]] + [0.5, 0.5] = [-4.5, 4.5]; Relu passes only the second unit,
        // so dx = seed * [0, 1] W^T = 3 * [2, -1] = [6, -3].
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 2);
        var pre = b.Node("Gemm", [x, b.Floats([1f, 2f, 3f, -1f], [2, 2]), b.Floats([0.5f, 0.5f], [2])]);
        var y = b.Node("Relu", [pre]);
        b.Output(y);

        var dx = Gradient(b.Build(), new FloatTensor([1f, -2f], 1, 2), y, new FloatTensor([3f, 3f], 1, 2));

        Assert.Equal([6f, -3f], dx.Data);
    }

    [Fact]
    public void Build_ValueWithSeveralConsumers_SumsTheirGradients()
    {
        // y = 3x + x: the two paths into x add up to 4.
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 3);
        var y = b.Node("Add", [b.Node("Mul", [x, b.Floats([3f], [])]), x]);
        b.Output(y);
        var model = b.Build();

        var dx = Gradient(model, new FloatTensor([1f, 2f, 3f], 1, 3), y, new FloatTensor([1f, 0.5f, -1f], 1, 3));

        Assert.Equal([4f, 2f, -4f], dx.Data);
    }

    [Fact]
    public void Build_BranchOffThePath_IsPrunedEvenWithoutARule()
    {
        // "Shrink" has no rule, but it only feeds a second output, not the scored one.
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 2);
        var y = b.Node("Sigmoid", [x]);
        var other = b.Node("Shrink", [x]);
        b.Output(y);
        b.Output(other);
        var model = b.Build();
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 2], [y] = [2, 2], [other] = [2, 2] };

        var plan = GradientBuilder.Build(model, new GradientRequest(["x"], y), shapes);

        var backward = Proto.ModelProto.Parser.ParseFrom(plan.BackwardModel);
        Assert.DoesNotContain(backward.Graph.Node, n => n.OpType == "Shrink");
        Assert.DoesNotContain(other, plan.ForwardOutputs);
        Assert.Equal([y], plan.BackwardInputs);
        Assert.Equal(17, backward.OpsetImport.Single().Version);
    }

    [Fact]
    public void Build_ShapeComputationsFromTheInput_StopTheGradient()
    {
        // y = x * float(shape(x)[1]): the Shape path carries no gradient, so dy/dx = 3.
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 3);
        var width = b.Node("Cast", [b.Node("Gather", [b.Node("Shape", [x]), b.Ints(1)], Attr.Int("axis", 0))], Attr.Int("to", 1));
        var y = b.Node("Mul", [x, width]);
        b.Output(y);

        var dx = Gradient(b.Build(), new FloatTensor([1f, 2f, 3f, 4f, 5f, 6f], 2, 3), y, new FloatTensor([1f, 1f, 1f, 1f, 1f, 2f], 2, 3));

        Assert.Equal([3f, 3f, 3f, 3f, 3f, 6f], dx.Data);
    }

    [Fact]
    public void Build_UnsupportedOperatorOnThePath_NamesOperatorNodeModelAndAlternatives()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 2);
        var y = b.Node("Sigmoid", [b.Node("Shrink", [x])]);
        b.Output(y);
        var model = b.Build("tiny.onnx");
        var shapes = new Dictionary<string, long[]> { ["x"] = [2, 2], ["shrink0_0"] = [2, 2], [y] = [2, 2] };

        var error = Assert.Throws<UnsupportedGradientException>(() => GradientBuilder.Build(model, new GradientRequest(["x"], y), shapes));

        Assert.Equal("Shrink", error.OpType);
        Assert.Equal("Shrink_0", error.NodeName);
        Assert.Equal("tiny.onnx", error.ModelName);
        Assert.Equal(
            $"tiny.onnx: no gradient rule for operator 'Shrink' (node 'Shrink_0') on the path from 'x' to '{y}'; "
            + "the gradient-free methods (eigencam, scorecam, ablationcam, occlusion) still work.",
            error.Message);
    }

    [Fact]
    public void Build_UnknownValue_ThrowsNamingModelAndValue()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 2);
        var y = b.Node("Relu", [x]);
        b.Output(y);

        var error = Assert.Throws<ArgumentException>(() =>
            GradientBuilder.Build(b.Build("m.onnx"), new GradientRequest(["conv9"], y), new Dictionary<string, long[]>()));

        Assert.Contains("m.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("'conv9'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingStaticShape_ThrowsNamingTheValue()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 2, 2);
        var y = b.Node("Relu", [x]);
        b.Output(y);

        var error = Assert.Throws<ArgumentException>(() =>
            GradientBuilder.Build(b.Build("m.onnx"), new GradientRequest(["x"], y), new Dictionary<string, long[]> { ["x"] = [2, 2] }));

        Assert.Contains($"'{y}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RequestedValueNotFeedingTheScore_GetsZeros()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 2);
        var side = b.Node("Neg", [x]);
        var y = b.Node("Exp", [x]);
        b.Output(y);
        b.Output(side);
        var model = b.Build();
        var feeds = new Dictionary<string, FloatTensor> { ["x"] = new FloatTensor([0f, 1f], 1, 2) };
        var shapes = GradientChecker.StaticShapes(model, feeds);
        var plan = GradientBuilder.Build(model, new GradientRequest([side, "x"], y), shapes);

        var gradients = GradientChecker.RunPlan(plan, feeds, new FloatTensor([1f, 1f], 1, 2));

        Assert.Equal([0f, 0f], gradients[side].Data);
        Assert.Equal(1f, gradients["x"].Data[0], 5);
        Assert.Equal(MathF.E, gradients["x"].Data[1], 5);
    }

    [Fact]
    public void Cache_SameModelRequestAndShape_ReusesThePlanAndRebuildsForANewShape()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 2);
        var y = b.Node("Relu", [x]);
        b.Output(y);
        var model = b.Build();
        var cache = new GradientPlanCache();
        var small = new Dictionary<string, long[]> { ["x"] = [1, 2], [y] = [1, 2] };
        var large = new Dictionary<string, long[]> { ["x"] = [4, 2], [y] = [4, 2] };

        var first = cache.GetOrBuild(model, new GradientRequest(["x"], y), small);
        var again = cache.GetOrBuild(model, new GradientRequest(["x"], y), small);
        var guided = cache.GetOrBuild(model, new GradientRequest(["x"], y, Guided: true), small);
        var bigger = cache.GetOrBuild(model, new GradientRequest(["x"], y), large);

        Assert.Same(first, again);
        Assert.NotSame(first, guided);
        Assert.NotSame(first, bigger);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Cache_FailedBuild_IsNotCached()
    {
        var b = new NetBuilder(13);
        var x = b.Input("x", 1, 2);
        var y = b.Node("Relu", [x]);
        b.Output(y);
        var model = b.Build();
        var cache = new GradientPlanCache();

        Assert.Throws<ArgumentException>(() => cache.GetOrBuild(model, new GradientRequest(["x"], y), new Dictionary<string, long[]>()));

        Assert.Equal(0, cache.Count);
    }

    private static FloatTensor Gradient(OnnxModel model, FloatTensor x, string scored, FloatTensor seed)
    {
        var feeds = new Dictionary<string, FloatTensor> { ["x"] = x };
        var plan = GradientBuilder.Build(model, new GradientRequest(["x"], scored), GradientChecker.StaticShapes(model, feeds));
        return GradientChecker.RunPlan(plan, feeds, seed)["x"];
    }
}
