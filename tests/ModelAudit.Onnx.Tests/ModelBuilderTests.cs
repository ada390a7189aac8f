using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests;

public sealed class ModelBuilderTests
{
    [Fact]
    public void ToBytes_SameSeed_IdenticalBytes()
    {
        Assert.Equal(TestModels.SmallConvNet(seed: 5).ToBytes(), TestModels.SmallConvNet(seed: 5).ToBytes());
        Assert.NotEqual(TestModels.SmallConvNet(seed: 5).ToBytes(), TestModels.SmallConvNet(seed: 6).ToBytes());
    }

    [Fact]
    public void ToBytes_Header_IrVersion8AndGivenOpset()
    {
        var proto = TestModels.ParseProto(new ModelBuilder(opset: 11).Let(b => b.Output(b.Relu(b.Input("x", 1)))).ToBytes());

        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(11, Assert.Single(proto.OpsetImport).Version);
    }

    [Fact]
    public void Conv_SeededWeights_HeUniformBounds()
    {
        var b = new ModelBuilder(seed: 3);
        b.Output(b.Conv(b.Input("x", 1, 8, 16, 16), outChannels: 16, kernel: 3, name: "c"));

        Assert.True(b.Build().Graph.TryGetConstant("c.weight", out var w));
        var values = w.ToFloats();
        var limit = Math.Sqrt(6.0 / (8 * 3 * 3));
        Assert.All(values, v => Assert.InRange(v, -limit, limit));
        // A uniform on [-l, l] has standard deviation l / sqrt(3).
        var std = Math.Sqrt(values.Average(v => (double)v * v));
        Assert.InRange(std, limit / Math.Sqrt(3) * 0.9, limit / Math.Sqrt(3) * 1.1);
    }

    [Fact]
    public void Conv_GivenWeights_StoredExactly()
    {
        var weights = Enumerable.Range(0, 2 * 1 * 2 * 2).Select(i => i * 0.5f).ToArray();
        var b = new ModelBuilder();
        b.Output(b.Conv(b.Input("x", 1, 1, 4, 4), 2, kernel: 2, name: "c", weights: weights, bias: [7f, -7f]));

        var graph = b.Build().Graph;

        Assert.True(graph.TryGetConstant("c.weight", out var w));
        Assert.Equal([2L, 1, 2, 2], w.Shape);
        Assert.Equal(weights, w.ToFloats());
        Assert.True(graph.TryGetConstant("c.bias", out var bias));
        Assert.Equal([7f, -7f], bias.ToFloats());
        Assert.Equal("[1,2,3,3]", graph.DeclaredShapes["c"].ToString());
    }

    [Fact]
    public void Conv_StrideDilationGroup_ShapeFromFormula()
    {
        var b = new ModelBuilder();
        // out = floor((9 + 2*1 - (2*(3-1)+1)) / 2) + 1 = 4
        b.Output(b.Conv(b.Input("x", 1, 4, 9, 9), 8, kernel: 3, stride: 2, pad: 1, name: "c", group: 2, dilation: 2));

        var graph = b.Build().Graph;

        Assert.Equal("[1,8,4,4]", graph.DeclaredShapes["c"].ToString());
        Assert.True(graph.TryGetConstant("c.weight", out var w));
        Assert.Equal([8L, 2, 3, 3], w.Shape);
        Assert.Equal(2, graph.FindNode("c")!.GetInt("group", 1));
    }

    [Fact]
    public void Input_SymbolicAndUnknownDims_PropagateThroughLayers()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", ["N", "3", null, "8"]);
        var c = b.Conv(x, 4, kernel: 3, pad: 1, name: "c");
        b.Output(b.GlobalAveragePool(c, "gap"));

        var graph = b.Build().Graph;

        Assert.Equal("[N,3,?,8]", graph.Inputs[0].Shape!.ToString());
        Assert.Equal("[N,4,?,8]", graph.DeclaredShapes["c"].ToString());
        Assert.Equal("[N,4,1,1]", graph.DeclaredShapes["gap"].ToString());
        Assert.Equal([-1L, 4, 1, 1], graph.DeclaredShapes["gap"].ToArray());
    }

    [Fact]
    public void Layers_MixedNetwork_ShapesAndRoundTrip()
    {
        var b = new ModelBuilder(opset: 13, seed: 2);
        var x = b.Input("x", 2, 3, 8, 8);
        var c = b.BatchNormalization(b.Conv(x, 6, kernel: 3, pad: 1), name: "bn");
        var a = b.AveragePool(b.HardSigmoid(c), kernel: 2, stride: 2, name: "avg");
        var m = b.MaxPool(b.Sigmoid(c), kernel: 2, stride: 2, name: "max");
        var cat = b.Concat(1, a, m);
        var mixed = b.Mul(b.Add(cat, cat), b.Clip(cat, 0, 6, name: "clip"));
        var r = b.Reshape(mixed, [0, -1], name: "r");
        b.Output(b.Softmax(b.MatMul(r, 10, name: "mm"), name: "sm"));

        var model = OnnxModel.Parse(b.Build().ToBytes(), "again.onnx");
        var shapes = model.Graph.DeclaredShapes;

        Assert.Equal("[2,6,8,8]", shapes["bn"].ToString());
        Assert.Equal("[2,12,4,4]", shapes[cat].ToString());
        Assert.Equal("[2,192]", shapes["r"].ToString());
        Assert.Equal("[2,10]", shapes["sm"].ToString());
        Assert.Equal(["clip.min", "clip.max"], model.Graph.FindNode("clip")!.Inputs.Skip(1));
        Assert.True(model.Graph.TryGetConstant("bn.var", out var variance));
        Assert.All(variance.ToFloats(), v => Assert.True(v > 0));
    }

    [Fact]
    public void Clip_BeforeOpset11_UsesAttributes()
    {
        var b = new ModelBuilder(opset: 9);
        b.Output(b.Clip(b.Input("x", 1, 2), -1, 1, name: "clip"));

        var clip = b.Build().Graph.FindNode("clip")!;

        Assert.Equal(["x"], clip.Inputs);
        Assert.Equal(-1f, clip.GetFloat("min", 0));
        Assert.Equal(1f, clip.GetFloat("max", 0));
    }

    [Fact]
    public void Node_Generic_NoShapeUnlessGiven()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", 1, 4);
        var outs = b.Node("TopK", [x, b.Int64Initializer("k", [2], 1)], 2, ("axis", -1L));
        b.Output(outs[0], [1, 2]);
        b.Output(outs[1]);

        var model = b.Build();

        Assert.Equal(2, outs.Count);
        Assert.Equal("[1,2]", model.Graph.DeclaredShapes[outs[0]].ToString());
        Assert.False(model.Graph.DeclaredShapes.ContainsKey(outs[1]));
        Assert.Equal(OnnxDataType.Undefined, model.Graph.Outputs[1].ElementType);
    }

    [Fact]
    public void Names_Duplicate_Throw()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", 1, 4);
        b.Relu(x, "r");

        Assert.Throws<ArgumentException>(() => b.Relu(x, "r"));
        Assert.Throws<ArgumentException>(() => b.Input("x", 1));
        Assert.Throws<ArgumentException>(() => b.Relu("missing"));
        Assert.Throws<ArgumentException>(() => b.Initializer("w", [1f, 2f], 3));
    }

    [Fact]
    public void Save_WritesLoadableFile()
    {
        using var dir = new TestSupport.TempDir();
        var path = dir.File("b.onnx");

        TestModels.SmallConvNet().Save(path);

        Assert.Equal(6, OnnxModel.Load(path).Graph.Nodes.Count);
    }

    [Fact]
    public void Weights_RawDataIsLittleEndianFloat32()
    {
        var b = new ModelBuilder();
        b.Initializer("w", [1f, -2f], 2);
        b.Output(b.Relu(b.Input("x", 2)));

        var raw = TestModels.ParseProto(b.ToBytes()).Graph.Initializer.Single().RawData.ToByteArray();

        // IEEE 754: 1.0 = 0x3F800000, -2.0 = 0xC0000000, stored least significant byte first.
        Assert.Equal([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], raw);
        Assert.Equal((int)TensorProto.Types.DataType.Float, TestModels.ParseProto(b.ToBytes()).Graph.Initializer[0].DataType);
    }
}

internal static class BuilderExtensions
{
    public static ModelBuilder Let(this ModelBuilder builder, Action<ModelBuilder> build)
    {
        build(builder);
        return builder;
    }
}
