using Google.Protobuf;

namespace ModelAudit.Onnx.Tests;

public sealed class OnnxGraphTests
{
    [Fact]
    public void Nodes_ShuffledFile_ReturnedInTopologicalOrder()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        var shuffled = proto.Graph.Node.Reverse().ToArray();
        proto.Graph.Node.Clear();
        proto.Graph.Node.Add(shuffled);

        var graph = OnnxModel.Parse(proto.ToByteArray(), "shuffled.onnx").Graph;

        var seen = new HashSet<string>(graph.Inputs.Select(i => i.Name).Concat(proto.Graph.Initializer.Select(t => t.Name)));
        foreach (var node in graph.Nodes)
        {
            Assert.All(node.Inputs, input => Assert.Contains(input, seen));
            seen.UnionWith(node.Outputs);
        }

        Assert.Equal(["conv1", "relu1", "pool1", "flat", "fc", "prob"], graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Nodes_OrderedFile_KeepsFileOrder()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", 1, 2);
        var first = b.Relu(x, "a");
        var second = b.Sigmoid(x, "b");
        b.Output(b.Add(first, second, "sum"));

        Assert.Equal(["a", "b", "sum"], b.Build().Graph.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void ProducerAndConsumers_SmallNet_FollowEdges()
    {
        var graph = TestModels.SmallConvNet().Build().Graph;

        Assert.Equal("conv1", graph.Producer("conv1")!.Name);
        Assert.Null(graph.Producer("x"));
        Assert.Equal(["conv1"], graph.Consumers("x").Select(n => n.Name));
        Assert.Equal(["relu1"], graph.Consumers("conv1").Select(n => n.Name));
        Assert.Empty(graph.Consumers("prob"));
        Assert.Equal("Conv", graph.FindNode("conv1")!.OpType);
        Assert.Null(graph.FindNode("missing"));
        Assert.True(graph.HasValue("conv1.weight"));
        Assert.True(graph.HasValue("x"));
        Assert.False(graph.HasValue("missing"));
    }

    [Fact]
    public void Inputs_InitializerAlsoListedAsInput_Excluded()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        proto.Graph.Input.Add(new Proto.ValueInfoProto { Name = "conv1.weight" });

        var graph = OnnxModel.Parse(proto.ToByteArray(), "old-ir.onnx").Graph;

        Assert.Equal(["x"], graph.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void DeclaredShapes_BuiltModel_IncludeIntermediateValues()
    {
        var graph = TestModels.SmallConvNet().Build().Graph;

        Assert.Equal("[1,3,8,8]", graph.DeclaredShapes["x"].ToString());
        Assert.Equal("[1,4,8,8]", graph.DeclaredShapes["conv1"].ToString());
        Assert.Equal("[1,4,4,4]", graph.DeclaredShapes["pool1"].ToString());
        Assert.Equal("[1,64]", graph.DeclaredShapes["flat"].ToString());
        Assert.Equal("[1,5]", graph.DeclaredShapes["prob"].ToString());
    }

    [Fact]
    public void DeclaredShapes_NegativeDimValue_TreatedAsUnknown()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        proto.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimValue = -1;

        var input = OnnxModel.Parse(proto.ToByteArray(), "m.onnx").Graph.Inputs[0];

        Assert.Equal("[?,3,8,8]", input.Shape!.ToString());
        Assert.False(input.Shape.IsFullyKnown);
    }

    [Fact]
    public void TryGetConstant_ConstantNodeVariants_ReadValues()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 2, 3);
        var matrix = b.Constant([1, 2, 3, 4, 5, 6], [3, 2], "m");
        var scalar = b.Node("Constant", [], 1, ("value_float", 2.5f))[0];
        var floats = b.Node("Constant", [], 1, ("value_floats", new[] { 1f, -1f }))[0];
        var ints = b.Node("Constant", [], 1, ("value_ints", new long[] { 4, -7, 9 }))[0];
        var one = b.Node("Constant", [], 1, ("value_int", 3L))[0];
        var y = b.MatMul(x, matrix);
        b.Output(b.Node("Concat", [b.Mul(y, scalar), b.Mul(y, floats)], 1, ("axis", 1L))[0]);
        b.Output(b.Node("Reshape", [ints, one], 1)[0]);

        var graph = b.Build().Graph;

        Assert.True(graph.TryGetConstant("m", out var m));
        Assert.Equal([3L, 2L], m.Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], m.ToFloats());
        Assert.True(graph.TryGetConstant(scalar, out var s));
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.ElementCount);
        Assert.Equal([2.5f], s.ToFloats());
        Assert.True(graph.TryGetConstant(floats, out var f));
        Assert.Equal([1f, -1f], f.ToFloats());
        Assert.True(graph.TryGetConstant(ints, out var i));
        Assert.Equal([4L, -7, 9], i.ToInt64s());
        Assert.Equal(OnnxDataType.Int64, i.DataType);
        Assert.True(graph.TryGetConstant(one, out var o));
        Assert.Equal([3L], o.ToInt64s());
        Assert.False(graph.TryGetConstant("x", out _));
    }

    [Fact]
    public void Attributes_ConvNode_TypedAccessors()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", 1, 3, 8, 8);
        b.Output(b.Conv(x, 4, kernel: 3, stride: 2, pad: 1, name: "c"));
        b.Output(b.Node("LeakyRelu", [x], 1, ("alpha", 0.25f), ("mode", "fast"), ("scales", new[] { 1f, 2f }))[0]);

        var graph = b.Build().Graph;
        var conv = graph.FindNode("c")!;
        var leaky = graph.Nodes.Single(n => n.OpType == "LeakyRelu");

        Assert.Equal([3L, 3], conv.GetInts("kernel_shape"));
        Assert.Equal(1, conv.GetInt("group", 99));
        Assert.Equal(7, conv.GetInt("missing", 7));
        Assert.Null(conv.GetInts("missing"));
        Assert.True(conv.HasAttribute("pads"));
        Assert.Equal(0.25f, leaky.GetFloat("alpha", 0));
        Assert.Equal(0.01f, conv.GetFloat("alpha", 0.01f));
        Assert.Equal("fast", leaky.GetString("mode"));
        Assert.Equal([1f, 2f], leaky.GetFloats("scales"));
        Assert.Null(leaky.GetTensor("mode"));
        Assert.Equal(13, conv.Opset);
    }

    [Fact]
    public void DisplayName_UnnamedNode_IsFirstOutput()
    {
        var proto = TestModels.ParseProto(TestModels.SmallConvNet().ToBytes());
        proto.Graph.Node.Single(n => n.Name == "relu1").ClearName();

        var graph = OnnxModel.Parse(proto.ToByteArray(), "m.onnx").Graph;
        var relu = graph.Producer("relu1")!;

        Assert.Equal("", relu.Name);
        Assert.Equal("relu1", relu.DisplayName);
    }
}
