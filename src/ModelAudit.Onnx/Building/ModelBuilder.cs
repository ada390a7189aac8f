using Google.Protobuf;
using ModelAudit.Onnx.Building;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx;

/// <summary>
/// Writes real ONNX models (IR version 8) for tests and benchmarks. Weights are given or drawn from a seeded
/// generator; typed operators compute their output shapes, which are written as value_info.
/// </summary>
public sealed partial class ModelBuilder
{
    private const long IrVersion = 8;

    private readonly List<NodeProto> nodes = [];
    private readonly List<TensorProto> initializers = [];
    private readonly List<ValueInfoProto> inputs = [];
    private readonly List<ValueInfoProto> outputs = [];
    private readonly List<StringStringEntryProto> metadata = [];
    private readonly Dictionary<string, OnnxDim[]> shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxDataType> types = new(StringComparer.Ordinal);
    private readonly HashSet<string> nodeNames = new(StringComparer.Ordinal);
    private readonly WeightInit init;
    private int counter;

    public ModelBuilder(long opset = 13, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, 7);
        Opset = opset;
        init = new WeightInit(seed);
    }

    public long Opset { get; }

    /// <summary>A float input; -1 marks a dimension of unknown size.</summary>
    public string Input(string name, params long[] shape) =>
        Input(name, OnnxDataType.Float, shape.Select(d => d >= 0 ? OnnxDim.Known(d) : OnnxDim.Unknown).ToArray());

    /// <summary>A float input whose dimensions are numbers, symbolic names (e.g. "N") or null for unknown.</summary>
    public string Input(string name, string?[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        return Input(name, OnnxDataType.Float, dims.Select(ParseDim).ToArray());
    }

    public string Input(string name, OnnxDataType elementType, IReadOnlyList<OnnxDim> dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        Declare(name, elementType, dims.ToArray());
        inputs.Add(Info(name));
        return name;
    }

    public string Initializer(string name, float[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCount(name, data.Length, shape);
        Declare(name, OnnxDataType.Float, ToDims(shape));
        initializers.Add(Attributes.FloatTensor(name, data, shape));
        return name;
    }

    public string Int64Initializer(string name, long[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckCount(name, data.Length, shape);
        Declare(name, OnnxDataType.Int64, ToDims(shape));
        initializers.Add(Attributes.Int64Tensor(name, data, shape));
        return name;
    }

    /// <summary>A Constant node (the way many exporters, e.g. Paddle's, store weights).</summary>
    public string Constant(float[] data, long[] shape, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var node = NewName("Constant", name);
        CheckCount(node, data.Length, shape);
        return Add("Constant", node, [], ToDims(shape), [Attributes.Create("value", Attributes.FloatTensor(node, data, shape))]);
    }

    /// <summary>
    /// Any operator; no shape is known for its outputs unless <see cref="SetShape"/> or <see cref="Output"/> gives one.
    /// Attribute values may be long, int, float, double, string, long[], int[], float[], string[] or <see cref="OnnxTensor"/>.
    /// </summary>
    public IReadOnlyList<string> Node(string opType, IReadOnlyList<string> inputs, int outputCount = 1, params (string Name, object Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        foreach (var input in inputs.Where(i => i.Length > 0))
        {
            Require(input);
        }

        var name = NewName(opType, null);
        var outputNames = outputCount == 1 ? [name] : Enumerable.Range(0, outputCount).Select(i => $"{name}_out{i}").ToArray();
        var node = new NodeProto { Name = name, OpType = opType, Input = { inputs }, Output = { outputNames } };
        node.Attribute.Add(attributes.Select(a => Attributes.Create(a.Name, a.Value)));
        foreach (var output in outputNames)
        {
            ClaimValue(output);
        }

        nodeNames.Add(name);
        nodes.Add(node);
        return outputNames;
    }

    /// <summary>Declares the float shape of a value (for outputs of <see cref="Node"/>); -1 is unknown.</summary>
    public void SetShape(string value, params long[] shape)
    {
        Require(value);
        shapes[value] = ToDims(shape);
        if (types[value] == OnnxDataType.Undefined)
        {
            types[value] = OnnxDataType.Float;
        }
    }

    /// <summary>Makes a value a graph output, with the given shape or else the one computed for it.</summary>
    public string Output(string value, long[]? shape = null)
    {
        Require(value);
        if (shape is not null)
        {
            SetShape(value, shape);
        }

        outputs.Add(Info(value));
        return value;
    }

    public void Metadata(string key, string value) => metadata.Add(new StringStringEntryProto { Key = key, Value = value });

    public byte[] ToBytes() => ToProto().ToByteArray();

    public OnnxModel Build() => OnnxModel.Parse(ToBytes(), "built-model.onnx");

    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    /// <summary>The shape computed or declared for a value, or null when unknown.</summary>
    public OnnxShape? ShapeOf(string value) => shapes.TryGetValue(value, out var dims) ? new OnnxShape(dims) : null;

    private ModelProto ToProto()
    {
        var graph = new GraphProto { Name = "main", Node = { nodes }, Initializer = { initializers }, Input = { inputs }, Output = { outputs } };
        var declared = inputs.Concat(outputs).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var initializerNames = initializers.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Output.Where(o => shapes.ContainsKey(o) && !declared.Contains(o) && !initializerNames.Contains(o)))
            {
                graph.ValueInfo.Add(Info(output));
            }
        }

        return new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "ModelAudit.ModelBuilder",
            Graph = graph,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = Opset } },
            MetadataProps = { metadata },
        };
    }

    private ValueInfoProto Info(string name)
    {
        var type = types[name];
        if (type == OnnxDataType.Undefined)
        {
            // An output of a generic node: leave its type for the runtime to infer.
            return new ValueInfoProto { Name = name };
        }

        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (shapes.TryGetValue(name, out var dims))
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var dim in dims)
            {
                var d = new TensorShapeProto.Types.Dimension();
                if (dim.Value is { } v)
                {
                    d.DimValue = v;
                }
                else if (dim.Param is { } p)
                {
                    d.DimParam = p;
                }

                tensor.Shape.Dim.Add(d);
            }
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private string Add(string opType, string name, IReadOnlyList<string> inputNames, OnnxDim[]? outputShape, IEnumerable<AttributeProto> attributes)
    {
        foreach (var input in inputNames.Where(i => i.Length > 0))
        {
            Require(input);
        }

        ClaimValue(name);
        nodeNames.Add(name);
        var node = new NodeProto { Name = name, OpType = opType, Input = { inputNames }, Output = { name } };
        node.Attribute.Add(attributes);
        nodes.Add(node);
        if (outputShape is not null)
        {
            shapes[name] = outputShape;
        }

        types[name] = OnnxDataType.Float;
        return name;
    }

    private void Declare(string name, OnnxDataType type, OnnxDim[] dims)
    {
        ClaimValue(name);
        shapes[name] = dims;
        types[name] = type;
    }

    private void ClaimValue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!types.TryAdd(name, OnnxDataType.Undefined))
        {
            throw new ArgumentException($"a value named '{name}' already exists", nameof(name));
        }
    }

    private void Require(string value)
    {
        if (!types.ContainsKey(value))
        {
            throw new ArgumentException($"no value named '{value}' has been added", nameof(value));
        }
    }

    private string NewName(string opType, string? requested)
    {
        if (requested is not null)
        {
            if (nodeNames.Contains(requested) || types.ContainsKey(requested))
            {
                throw new ArgumentException($"the name '{requested}' is already used", nameof(requested));
            }

            return requested;
        }

        string name;
        do
        {
            name = $"{opType}_{counter++}";
        }
        while (nodeNames.Contains(name) || types.ContainsKey(name));
        return name;
    }

    private OnnxDim[] ShapeOrThrow(string value, string why) =>
        shapes.TryGetValue(value, out var dims) ? dims : throw new ArgumentException($"the shape of '{value}' is needed ({why}) but not known", nameof(value));

    private static OnnxDim[] ToDims(long[] shape) => shape.Select(d => d >= 0 ? OnnxDim.Known(d) : OnnxDim.Unknown).ToArray();

    private static void CheckCount(string name, int count, long[] shape)
    {
        var expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"'{name}' has {count} values but shape [{string.Join(",", shape)}] needs {expected}");
        }
    }

    private static OnnxDim ParseDim(string? dim) => dim switch
    {
        null => OnnxDim.Unknown,
        _ when long.TryParse(dim, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) =>
            v >= 0 ? OnnxDim.Known(v) : OnnxDim.Unknown,
        _ => OnnxDim.Symbolic(dim),
    };
}
