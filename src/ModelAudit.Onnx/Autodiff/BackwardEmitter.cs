using Google.Protobuf;
using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Autodiff.Precision;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// Writes the backward model's graph: fresh value names, nodes, constant initializers, and the forward tensors it
/// takes as inputs (constants of the forward model are copied in as initializers instead).
/// </summary>
internal sealed class BackwardEmitter
{
    public const long Opset = 17;

    private readonly ForwardGraph _forward;
    private readonly IReadOnlyDictionary<string, long[]> _shapes;
    private readonly GraphProto _graph = new() { Name = "modelaudit_backward" };
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _imported = new(StringComparer.Ordinal);
    private readonly List<string> _inputs = [];
    private int _counter;

    public BackwardEmitter(ForwardGraph forward, IReadOnlyDictionary<string, long[]> shapes)
    {
        _forward = forward;
        _shapes = shapes;
    }

    /// <summary>Forward tensors the backward model takes as inputs, in input order.</summary>
    public IReadOnlyList<string> ForwardInputs => _inputs;

    public string ModelName => _forward.ModelName;

    public string Fresh(string hint)
    {
        string name;
        do
        {
            name = $"bw{_counter++}_{hint}";
        }
        while (!_used.Add(name) || _forward.HasValue(name));

        return name;
    }

    /// <summary>Reserves an exact name (graph inputs/outputs), adding a suffix if it is taken.</summary>
    public string Reserve(string wanted)
    {
        var name = wanted;
        for (var i = 1; _forward.HasValue(name) || !_used.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }

    public string Op(string opType, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        OpN(opType, inputs, 1, attributes)[0];

    public string[] OpN(string opType, IEnumerable<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(_ => Fresh(opType)).ToArray();
        Emit(opType, inputs, names, attributes);
        return names;
    }

    public void Emit(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh("node_" + opType) };
        node.Input.Add(inputs);
        node.Output.Add(outputs);
        node.Attribute.Add(attributes);
        _graph.Node.Add(node);
    }

    public string Floats(float[] data, params long[] shape)
    {
        var tensor = new TensorProto { Name = Fresh("const"), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(shape);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Scalar(float value) => Floats([value]);

    public string Ints(params long[] data)
    {
        var tensor = new TensorProto { Name = Fresh("ints"), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(data.Length);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    public string Zeros(long[] shape)
    {
        var zero = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        zero.Dims.Add(1);
        zero.FloatData.Add(0f);
        return Op("ConstantOfShape", [Ints(shape)], Attr.Tensor("value", zero));
    }

    public string Reshape(string value, long[] shape) => Op("Reshape", [value, Ints(shape)]);

    /// <summary>
    /// The backward model's name for a forward value: its constant copied in, or a new model input declared with the
    /// value's real element type. The backward model computes in float32: fp16, bfloat16 and double constants are
    /// up-cast once when copied, such inputs are cast right after the input.
    /// </summary>
    public string Forward(string value)
    {
        if (_imported.TryGetValue(value, out var known))
        {
            return known;
        }

        // Forward values keep their names (fresh names never collide with them), so callers feed them by name.
        var name = value;
        _used.Add(name);
        if (_forward.TryGetConstant(value, out var tensor))
        {
            // An up-cast copy gets a name of its own: a fused model keeps the forward constant under its name.
            name = ComputePrecision.NeedsUpCast(tensor.DataType) ? Fresh(value) : name;
            _graph.Initializer.Add(ComputePrecision.ToFloat32(tensor, name));
        }
        else
        {
            var type = _forward.ElementType(value);
            type = type == ElementKinds.Undefined ? ElementKinds.Float : type;
            _graph.Input.Add(Value(name, ShapeOf(value), type));
            _inputs.Add(value);
            if (ComputePrecision.NeedsUpCast(type))
            {
                name = Op("Cast", [name], Attr.Int("to", ElementKinds.Float));
            }
        }

        _imported[value] = name;
        return name;
    }

    /// <summary>The ONNX element type of a forward value (0 when unknown).</summary>
    public int ElementType(string forwardValue) => _forward.ElementType(forwardValue);

    /// <summary>Whether a forward value is known at build time, without reading (or up-casting) its numbers.</summary>
    public bool IsConstant(string value) => _forward.TryGetConstant(value, out _);

    /// <summary>A forward value known at build time, in float32 if it was a reduced- or double-precision float.</summary>
    public bool TryConstant(string value, out TensorProto tensor)
    {
        if (!_forward.TryGetConstant(value, out tensor))
        {
            return false;
        }

        tensor = ComputePrecision.NeedsUpCast(tensor.DataType) ? ComputePrecision.ToFloat32(tensor, tensor.Name) : tensor;
        return true;
    }

    public long[] ShapeOf(string forwardValue)
    {
        if (_shapes.TryGetValue(forwardValue, out var shape))
        {
            return shape;
        }

        if (_forward.TryGetConstant(forwardValue, out var tensor))
        {
            return TensorValues.Shape(tensor);
        }

        throw GradientErrors.BadRequest(ModelName, $"no static shape was given for value '{forwardValue}'");
    }

    public string AddInput(string wanted, long[] shape)
    {
        var name = Reserve(wanted);
        _graph.Input.Add(Value(name, shape, ElementKinds.Float));
        return name;
    }

    public void AddOutput(string name, long[] shape) => _graph.Output.Add(Value(name, shape, ElementKinds.Float));

    public ModelProto ToModel()
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "ModelAudit.Autodiff", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    private static ValueInfoProto Value(string name, long[] shape, int elementType)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = elementType, Shape = tensorShape },
            },
        };
    }
}
