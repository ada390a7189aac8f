using Google.Protobuf;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Tests.Autodiff;

/// <summary>Writes forward test models straight as protobuf, with full control of opset and attributes (including
/// ones a typed builder would not emit, like pre-opset-10 Slice attributes or Constant-node weights).</summary>
internal sealed class NetBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private readonly long _opset;
    private readonly Random _random;
    private int _counter;

    public NetBuilder(long opset, int seed = 1)
    {
        _opset = opset;
        _random = new Random(seed);
    }

    public Random Random => _random;

    public string Input(string name, params long[] shape)
    {
        _graph.Input.Add(Value(name, shape));
        return name;
    }

    public void Output(string name) => _graph.Output.Add(new ValueInfoProto { Name = name });

    public string Node(string opType, string[] inputs, params AttributeProto[] attributes) =>
        NodeN(opType, inputs, 1, attributes)[0];

    public string[] NodeN(string opType, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_counter}" };
        node.Input.Add(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => $"{opType.ToLowerInvariant()}{_counter}_{i}").ToArray();
        _counter++;
        node.Output.Add(names);
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>A float constant, as an initializer or (like PaddleOCR's models) a Constant node.</summary>
    public string Floats(float[] data, long[] shape, bool asConstantNode = false)
    {
        var tensor = new TensorProto { DataType = 1 };
        tensor.Dims.Add(shape);
        tensor.FloatData.Add(data);
        return AddConstant(tensor, asConstantNode);
    }

    public string Ints(params long[] data)
    {
        var tensor = new TensorProto { DataType = 7 };
        tensor.Dims.Add(data.Length);
        tensor.Int64Data.Add(data);
        return AddConstant(tensor, asConstantNode: false);
    }

    /// <summary>A 0-d int64 constant (what torch exports for Python integers).</summary>
    public string Scalar(long value)
    {
        var tensor = new TensorProto { DataType = 7 };
        tensor.Int64Data.Add(value);
        return AddConstant(tensor, asConstantNode: false);
    }

    /// <summary>An int64 constant of any shape (indices).</summary>
    public string Ints(long[] data, long[] shape)
    {
        var tensor = new TensorProto { DataType = 7 };
        tensor.Dims.Add(shape);
        tensor.Int64Data.Add(data);
        return AddConstant(tensor, asConstantNode: false);
    }

    public string RandomFloats(long[] shape, float scale = 1f, bool asConstantNode = false)
    {
        var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((_random.NextDouble() * 2) - 1) * scale;
        }

        return Floats(data, shape, asConstantNode);
    }

    public OnnxModel Build(string name = "test.onnx")
    {
        var model = new ModelProto { IrVersion = _opset >= 13 ? 8 : 6, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = _opset });
        return OnnxModel.Parse(model.ToByteArray(), name);
    }

    private string AddConstant(TensorProto tensor, bool asConstantNode)
    {
        var name = $"const{_counter++}";
        if (asConstantNode)
        {
            var node = new NodeProto { OpType = "Constant", Name = name + "_node" };
            node.Output.Add(name);
            node.Attribute.Add(Attr.Tensor("value", tensor));
            _graph.Node.Add(node);
        }
        else
        {
            tensor.Name = name;
            _graph.Initializer.Add(tensor);
        }

        return name;
    }

    private static ValueInfoProto Value(string name, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            // A negative dimension is symbolic (a dynamic input size).
            tensorShape.Dim.Add(dim < 0
                ? new TensorShapeProto.Types.Dimension { DimParam = $"d{tensorShape.Dim.Count}" }
                : new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = tensorShape } },
        };
    }
}
